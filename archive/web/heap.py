"""The heap Datasette starts with, kept out of Python's full garbage collections.

A full (generation 2) collection walks every object the process holds: after importing Datasette
and its plugins about 77,000, which on the 2-core bench machine takes 60 to 110 ms. A table page
of 100 rows allocates enough to set one off every few requests, so those collections, not the
page's own work, were a table page's p95 (the quotes page at a million quotes: p50 58 ms, p95
111 ms, the slow requests each holding a 58 to 110 ms collection). Frozen once the app has started
(`gc.freeze()`: moved to a permanent generation the collector skips), the startup heap costs
nothing per collection, and a full collection walks only what requests left behind (12 to 20 ms).

Once per process: objects frozen are never collected as cycles, so a process that starts many
Datasettes (the tests) freezes the first one's heap only, after collecting what is already garbage.
"""

from __future__ import annotations

import gc

_frozen = False


def freeze_once() -> bool:
    """Freeze the heap on the first call in this process; True when this call froze it."""
    global _frozen
    if _frozen:
        return False
    _frozen = True
    gc.collect()
    gc.freeze()
    return True
