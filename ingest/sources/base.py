"""What every reader shares: the error it raises and the limits it enforces."""

from __future__ import annotations

MAX_BYTES = 20 * 1024 * 1024
"""Largest input accepted, in bytes. A news article is kilobytes; tens of megabytes is a mistake
(a dump, a binary) and would stall the NLP pipeline, so it is refused with a clear message."""


class ReadError(Exception):
    """An input that cannot become an article; the message is one line a person can act on."""

    def __init__(self, source: str, reason: str):
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason
