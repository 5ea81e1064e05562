"""Taking the archive's write lock: wait with a word, retry, give up with one clear line.

"A write lock held past 30 s kills a concurrent ingest with a 38-line traceback (`database is
locked`)." A writer that finds the lock taken says so at once (on the `newsfacts` logger, which
prints to standard error when nothing else is configured), keeps retrying for
$NEWSFACTS_LOCK_WAIT seconds (default 600), and only then stops with ArchiveBusy.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import time

WAIT_ENV = "NEWSFACTS_LOCK_WAIT"
DEFAULT_WAIT_S = 600.0
FIRST_TRY_MS = 1000
log = logging.getLogger("newsfacts")


class ArchiveBusy(sqlite3.OperationalError):
    """Another process held the write lock for longer than this writer would wait."""


def _is_busy(e: sqlite3.OperationalError) -> bool:
    text = str(e).lower()
    return "locked" in text or "busy" in text


def wait_budget() -> float:
    try:
        return max(0.0, float(os.environ.get(WAIT_ENV, DEFAULT_WAIT_S)))
    except ValueError:
        return DEFAULT_WAIT_S


def begin_immediate(conn: sqlite3.Connection) -> None:
    """BEGIN IMMEDIATE, waiting for another writer to finish for as long as the budget allows."""
    own_ms = conn.execute("PRAGMA busy_timeout").fetchone()[0]
    budget, started, told = wait_budget(), time.monotonic(), False
    try:
        while True:
            left_ms = int((budget - (time.monotonic() - started)) * 1000)
            conn.execute(f"PRAGMA busy_timeout = {max(0, min(own_ms if told else FIRST_TRY_MS, left_ms))}")
            try:
                conn.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as e:
                if not _is_busy(e):
                    raise
                waited = time.monotonic() - started
                if waited >= budget:
                    raise ArchiveBusy(
                        f"gave up after {waited:.0f}s waiting for the write lock: another process is "
                        f"writing to the archive; run again when it is done (or set {WAIT_ENV}, in "
                        f"seconds, to wait longer)") from None
                if not told:
                    log.warning("the archive is locked by another writer: waiting for it "
                                "(up to %.0fs, %s)", budget, WAIT_ENV)
                    told = True
    finally:
        conn.execute(f"PRAGMA busy_timeout = {own_ms}")
