"""Rebuilding the derived tables from the log, and reading the archive as it was at a moment.

A rebuild replays every event through the same projections as ingest (so the rows are the same),
but into bare tables: only the indexes the projections look rows up by exist while replaying;
the other indexes, the full-text indexes and the summary counts are built once at the end, each
in one pass, instead of row by row. The replay runs beside the archive, without its write lock,
and the new tables are swapped in by one short transaction (archive/swap.py): readers see the old
tables or the new ones, never a half-built state, and ingests go on during the replay.
"""

from __future__ import annotations

import sqlite3
import time

from . import log
from .db import _sql, _statements, create_derived, drop_derived, migrate, transaction
from .projections import apply, replay
from .swap import Swapped, archive_path, rebuild_beside

PAGE_INDEXES = ("articles_first_seen", "revisions_recorded", "quotes_published", "figures_published",
                "figures_speaker", "figures_value", "dates_value", "dates_day", "articles_published",
                "articles_content_hash", "claim_groups_articles", "articles_text")
"""Indexes only pages (sorts, a speaker's figures, a day's dates, the groups seen in several
articles) and ingest's look-up of a known text read: built once after the replay, instead of
being kept in step with every row (claim_groups.articles changes with each copy of a quote).
Every other index stays during the replay, since the projections look rows up through it."""


REBUILD_CACHE_KB = 256 * 1024


def _bare_tables() -> list[str]:
    """tables.sql without the indexes the replay does not look rows up by."""
    return [s for s in _statements(_sql("tables.sql"))
            if not any(s.startswith(f"CREATE INDEX IF NOT EXISTS {name} ") for name in PAGE_INDEXES)]


def bulk_into(conn: sqlite3.Connection) -> int:
    """Replay the log into bare tables (empty, inside the caller's transaction), then index and
    count once; returns the number of events replayed."""
    for statement in _bare_tables():
        conn.execute(statement)
    n = replay(conn)
    # the rest of the schema over the rows already there: the other indexes and the views; the
    # full-text indexes are filled from the rows, then get their triggers; summaries are counted
    # with one GROUP BY per page (archive/summaries.py), then get theirs
    create_derived(conn)
    return n


def bulk_replay(conn: sqlite3.Connection) -> int:
    """Drop the derived tables and replay the log in place (inside the caller's transaction): for
    an archive in memory or one with nothing to replay; returns the number of events replayed."""
    drop_derived(conn)
    return bulk_into(conn)


def rebuild_report(conn: sqlite3.Connection) -> Swapped:
    """Replay every event into new tables and swap them in; what it took, lock time included."""
    cache = conn.execute("PRAGMA cache_size").fetchone()[0]
    conn.execute(f"PRAGMA cache_size = {-REBUILD_CACHE_KB}")  # the indexes being copied stay in memory
    try:
        if archive_path(conn) is None:  # in memory: nothing else can write to it
            started = time.perf_counter()
            with transaction(conn):
                n = bulk_replay(conn)
            took = time.perf_counter() - started
            return Swapped(events=n, caught_up=0, build_s=took, lock_s=took)
        return rebuild_beside(conn)
    finally:
        conn.execute(f"PRAGMA cache_size = {cache}")


def rebuild(conn: sqlite3.Connection) -> int:
    """Drop every derived table and replay every event; returns the number of events replayed."""
    return rebuild_report(conn).events


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


__all__ = ["as_of", "bulk_into", "bulk_replay", "create_derived", "rebuild", "rebuild_report"]
