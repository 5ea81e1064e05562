"""Rebuilding the derived tables from the log, and reading the archive as it was at a moment."""

from __future__ import annotations

import sqlite3

from . import log
from .db import create_derived, drop_derived, migrate, transaction
from .projections import apply, replay


def rebuild(conn: sqlite3.Connection) -> int:
    """Drop every derived table and replay every event; returns the number of events replayed.
    One transaction: readers see the old tables or the new ones, never a half-built state."""
    with transaction(conn):
        drop_derived(conn)
        create_derived(conn)
        return replay(conn)


def as_of(conn: sqlite3.Connection, until_seq: int | None = None, until_time: str | None = None) -> sqlite3.Connection:
    """An in-memory archive holding what this one knew at a sequence number or a UTC time."""
    mem = sqlite3.connect(":memory:", isolation_level=None)
    mem.row_factory = sqlite3.Row
    migrate(mem)
    with transaction(mem):
        for event in log.read(conn, until_seq=until_seq, until_time=until_time):
            mem.execute(
                "INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (event.seq, event.stream, event.version, event.type, event.schema_version,
                 log.canonical(event.payload), event.recorded_at, event.actor, event.prev_hash, event.hash))
            apply(mem, event)
    return mem
