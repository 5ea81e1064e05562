"""Long replays without the write lock: build the derived tables in a file beside the archive, then
swap them in with one short transaction.

"Long jobs (`rebuild`, the replay on upgrade) build into new tables and swap them in a short
transaction, so they never hold the write lock for minutes." The projections write fixed table
names, so the new tables are built by the same code on a connection whose main database is a
scratch file beside the archive (the archive attached read-only as `src`, where `events` is
found). That build only reads the archive: ingests go on meanwhile. The swap then takes the
archive's write lock, drops its derived tables, copies the scratch ones in (rows, index entries
and full-text indexes, as they are), and replays the few events that arrived during the build.
Readers see the old tables until the commit, then the new ones.
"""

from __future__ import annotations

import os
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from .log import _row_to_event
from .projections import apply

SCRATCH_CACHE_KB = 256 * 1024
"""The scratch build's page cache: the tables and indexes being built stay in memory."""


@dataclass(frozen=True)
class Swapped:
    events: int  # events replayed in all
    caught_up: int  # of which arrived during the build and were replayed under the lock
    build_s: float  # building beside the archive, without its lock
    lock_s: float  # holding the archive's write lock


def archive_path(conn: sqlite3.Connection) -> Path | None:
    """The file of the connection's main database (None for an in-memory one)."""
    for row in conn.execute("PRAGMA database_list"):
        if row[1] == "main":
            return Path(row[2]) if row[2] else None
    return None


def scratch_path(archive: Path) -> Path:
    """Beside the archive (same disk, same permissions), named for this process."""
    return archive.with_name(f".{archive.name}.rebuild-{os.getpid()}")


def remove_stale(archive: Path) -> list[Path]:
    """Scratch files left by a rebuild that was killed (its process is gone): removed."""
    gone = []
    for path in archive.parent.glob(f".{archive.name}.rebuild-*"):
        pid = path.name.rsplit("-", 1)[-1]
        if not pid.isdigit() or _alive(int(pid)):
            continue
        path.unlink(missing_ok=True)
        gone.append(path)
    return gone


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return True


def _open_scratch(scratch: Path, archive: Path) -> sqlite3.Connection:
    for leftover in (scratch, Path(f"{scratch}-journal")):
        leftover.unlink(missing_ok=True)
    from .db import CACHED_STATEMENTS

    s = sqlite3.connect(f"file:{quote(str(scratch))}", uri=True, isolation_level=None,
                        cached_statements=CACHED_STATEMENTS)
    s.row_factory = sqlite3.Row
    s.execute("PRAGMA journal_mode = OFF")  # a throwaway file: a crash leaves it to be deleted
    s.execute("PRAGMA synchronous = OFF")
    s.execute("PRAGMA secure_delete = 0")  # a scratch file: nothing in it needs zeroing
    s.execute(f"PRAGMA cache_size = {-SCRATCH_CACHE_KB}")
    s.execute("ATTACH DATABASE ? AS src", (f"file:{quote(str(archive))}?mode=ro",))
    return s


def build(scratch: Path, archive: Path) -> tuple[int, int]:
    """Replay the archive's log as it is now into new derived tables in `scratch`; returns
    (events replayed, the last event's seq). Only reads the archive."""
    from .rebuild import bulk_into

    s = _open_scratch(scratch, archive)
    try:
        s.execute("BEGIN")  # deferred: a read snapshot of the archive, writes to the scratch file only
        n = bulk_into(s)
        last = s.execute("SELECT COALESCE(MAX(seq), 0) FROM src.events").fetchone()[0]
        s.execute("COMMIT")
        return n, last
    finally:
        s.close()


FTS_SHADOWS = ("_data", "_idx", "_content", "_docsize", "_config")
"""The tables FTS5 keeps a full-text index in: created by its CREATE VIRTUAL TABLE, copied as rows."""


@dataclass(frozen=True)
class Schema:
    """The scratch file's objects, as (name, sql), in the order they were created."""

    tables: list  # ordinary tables, filled by copying their rows
    indexes: list
    fts: list  # full-text index tables, whose shadow tables are copied
    shadows: list  # names of the shadow tables
    after: list  # views and triggers: created once the rows are in


def scratch_schema(conn: sqlite3.Connection) -> Schema:
    rows = conn.execute("SELECT type, name, sql FROM fresh.sqlite_master WHERE sql IS NOT NULL "
                        "AND name NOT LIKE 'sqlite_%' ORDER BY rowid").fetchall()
    fts = [(n, q) for t, n, q in rows if t == "table" and q.upper().startswith("CREATE VIRTUAL TABLE")]
    shadows = [f"{n}{suffix}" for n, _ in fts for suffix in FTS_SHADOWS]
    return Schema(tables=[(n, q) for t, n, q in rows if t == "table" and n not in shadows and (n, q) not in fts],
                  indexes=[(n, q) for t, n, q in rows if t == "index"], fts=fts,
                  shadows=[n for t, n, _ in rows if t == "table" and n in shadows],
                  after=[(n, q) for t, n, q in rows if t in ("view", "trigger")])


def copy_in(conn: sqlite3.Connection) -> None:
    """Replace the archive's derived tables by the scratch ones (attached as `fresh`; inside the
    caller's transaction): the same DDL, then the rows (SQLite's transfer optimisation copies them
    and their index entries as they are, since no trigger exists yet), the full-text indexes as
    their shadow tables' rows, and last the views and triggers."""
    from .db import drop_derived

    drop_derived(conn)
    schema = scratch_schema(conn)
    for _name, sql in schema.tables + schema.indexes + schema.fts:
        conn.execute(sql)
    for name, _sql in schema.tables:
        conn.execute(f'INSERT INTO main."{name}" SELECT * FROM fresh."{name}"')
    # the index FTS5 wrote when created is replaced by the scratch one before anything reads it
    for name in schema.shadows:
        conn.execute(f'DELETE FROM main."{name}"')
        conn.execute(f'INSERT INTO main."{name}" SELECT * FROM fresh."{name}"')
    for _name, sql in schema.after:
        conn.execute(sql)


def swap(conn: sqlite3.Connection, scratch: Path, after_seq: int, replayed: int, key: str | None = None,
         build_s: float = 0.0) -> Swapped | None:
    """Swap the scratch tables in and replay the events after `after_seq`, in one transaction.
    With a migration `key`: record it, or do nothing (None) if another process already did."""
    from .db import _recorded, transaction
    from .guard import check_writable

    conn.execute("ATTACH DATABASE ? AS fresh", (f"file:{quote(str(scratch))}?mode=ro",))
    # dropped tables are copies of what the log keeps: zeroing their pages (secure_delete, on in
    # Debian's SQLite) would write every one of them once more, under the lock
    secure = conn.execute("PRAGMA main.secure_delete").fetchone()[0]
    conn.execute("PRAGMA main.secure_delete = 0")
    try:
        with transaction(conn):
            started = time.perf_counter()  # the lock is ours from here (waiting for it aside)
            if key is not None:
                if _recorded(conn, key):
                    return None
                check_writable(conn)
            copy_in(conn)
            late = [_row_to_event(r) for r in conn.execute(
                "SELECT * FROM main.events WHERE seq > ? ORDER BY seq", (after_seq,))]
            for event in late:
                apply(conn, event)
            if key is not None:
                from .db import record_key

                record_key(conn, key)
        return Swapped(events=replayed + len(late), caught_up=len(late), build_s=build_s,
                       lock_s=time.perf_counter() - started)
    finally:
        conn.execute("DETACH DATABASE fresh")
        conn.execute(f"PRAGMA main.secure_delete = {int(secure)}")


def rebuild_beside(conn: sqlite3.Connection, key: str | None = None) -> Swapped | None:
    """Build beside the archive without its lock, then swap in; the scratch file is always removed."""
    archive = archive_path(conn)
    scratch = scratch_path(archive)
    remove_stale(archive)
    try:
        started = time.perf_counter()
        replayed, last = build(scratch, archive)
        return swap(conn, scratch, last, replayed, key, build_s=time.perf_counter() - started)
    finally:
        for leftover in (scratch, Path(f"{scratch}-journal")):
            leftover.unlink(missing_ok=True)
