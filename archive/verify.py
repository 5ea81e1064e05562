"""Checking an archive without changing it: the chain, the log's protections, checkpoints, and the
derived tables against a replay.

"`verify --db typo.db` creates an empty file and reports ok": the archive is opened read-only,
so a path that is not an archive is named and refused, and nothing is ever created or repaired.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from . import checkpoint as cpmod
from . import guard, log


class NotAnArchive(Exception):
    """The path is missing, not SQLite, or holds no event log."""


def open_readonly(path: Path) -> sqlite3.Connection:
    if not path.exists():
        raise NotAnArchive(f"{path} does not exist (nothing was created)")
    if not path.is_file():
        raise NotAnArchive(f"{path} is not a file")
    conn = sqlite3.connect(f"file:{quote(str(path.resolve()))}?mode=ro", uri=True, isolation_level=None)
    conn.row_factory = sqlite3.Row
    try:
        names = {n for (n,) in conn.execute("SELECT name FROM sqlite_master")}
    except sqlite3.DatabaseError as e:
        conn.close()
        raise NotAnArchive(f"{path} is not an SQLite database ({e})") from None
    if "events" not in names:
        conn.close()
        if "schema_migrations" in names:
            raise NotAnArchive(f"{path} has no events table: its log was dropped or renamed")
        raise NotAnArchive(f"{path} is not a newsfacts archive (no events table)")
    return conn


@dataclass(frozen=True)
class Line:
    ok: bool
    text: str


def chain(conn: sqlite3.Connection) -> Line:
    checked, problem = log.verify(conn)
    if problem:
        return Line(False, f"event {problem.seq}: {problem.reason} ({checked} events checked)")
    return Line(True, f"ok: {checked} events, hash chain intact")


def chain_and_tree(conn: sqlite3.Connection) -> tuple[Line, cpmod.LogTree]:
    """The chain check and the Merkle tree of the log in one pass over the events (a second,
    hashing every event, only when the chain breaks before its end)."""
    digests: list[str] = []
    checked, problem = log.verify(conn, digests)
    if problem:
        line = Line(False, f"event {problem.seq}: {problem.reason} ({checked} events checked)")
        return line, cpmod.read_tree(conn)
    return Line(True, f"ok: {checked} events, hash chain intact"), cpmod.tree_of(digests)


def protections(conn: sqlite3.Connection) -> list[Line]:
    """The triggers and the table as created; the chain's end is the chain check's."""
    found = [p for p in guard.problems(conn) if not p.startswith("the last event")]
    return [Line(False, f"{p}: writes are refused until it is fixed ({guard.RESTORE})") for p in found]


def checkpoints(conn: sqlite3.Connection, files: list[Path], pinned: bytes | None = None,
                lt: cpmod.LogTree | None = None) -> list[Line]:
    """Every checkpoint given in a file, then every one the log records about its own past."""
    lt = lt or cpmod.read_tree(conn)
    out = []
    for f in files:
        try:
            cp, blocks = cpmod.from_file(f.read_text(encoding="utf-8"))
        except (OSError, ValueError, KeyError, TypeError) as e:
            out.append(Line(False, f"checkpoint {f}: cannot be read ({type(e).__name__}: {e})"))
            continue
        finding = cpmod.check(lt, cp, blocks, pinned)
        out.append(Line(finding.ok, f"checkpoint {f} (size {cp.size}, {cp.time}, key {cp.key_id}): "
                                    f"{'ok, ' if finding.ok else ''}{finding.message}"))
    for seq, cp in cpmod.recorded(conn):
        finding = cpmod.check(lt, cp, None, pinned)
        if not finding.ok:
            out.append(Line(False, f"checkpoint recorded in event {seq} (size {cp.size}): {finding.message}"))
    return out


def covered(conn: sqlite3.Connection, files: list[Path]) -> Line:
    """For an operator who checkpoints after every write: anything past the newest checkpoint
    (except the checkpoint.recorded event that holds it) was not written by them."""
    import json

    sizes = []
    for f in files:
        try:
            sizes.append(json.loads(f.read_text(encoding="utf-8"))["size"])
        except (OSError, ValueError, KeyError):
            continue
    if not sizes:
        return Line(False, "--complete needs a checkpoint file (--checkpoint)")
    newest = max(sizes)
    rows = conn.execute("SELECT seq, type, payload FROM events WHERE seq > ? ORDER BY seq", (newest,)).fetchall()
    after = [r for r in rows if not (r["seq"] == newest + 1 and r["type"] == "checkpoint.recorded"
                                     and json.loads(r["payload"]).get("size") == newest)]
    if after:
        return Line(False, f"event {after[0]['seq']} ({after[0]['type']}) and {len(after) - 1} more follow the "
                           f"newest checkpoint (size {newest}): not covered by any signature")
    return Line(True, f"complete: every event is covered by the checkpoint of size {newest}")


def tables(conn: sqlite3.Connection) -> list[Line]:
    """Each derived table, row for row, against the same table replayed from the log in memory;
    tables of another release's shape (verify opens the archive read-only, so nothing replays them
    into this one's) are named as such, not compared row by row."""
    from .db import derived_key
    from .rebuild import as_of

    if (older := _older_shape(conn, derived_key())) is not None:
        return [Line(False, f"tables: of another release's shape ({older}), not this one's ({derived_key()}): "
                            "`newsfacts rebuild` (or any writing command) replays them into this one's")]
    mem = as_of(conn)
    names = [n for (n,) in mem.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN ('events', 'schema_migrations') "
        "AND name NOT LIKE '%_fts%' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
    out = []
    for name in names:
        try:
            theirs = _rows(conn, name)
        except sqlite3.OperationalError as e:
            out.append(Line(False, f"table {name}: {e}"))
            continue
        ours = _rows(mem, name)
        if theirs != ours:
            extra, missing = theirs - ours, ours - theirs
            example = next(iter(extra or missing))
            out.append(Line(False, f"table {name} differs from a replay of the log: {len(extra)} rows not in "
                                   f"the replay, {len(missing)} rows missing (e.g. {str(example)[:160]})"))
    if not out:
        out.append(Line(True, f"tables: {len(names)} derived tables equal a replay of the log"))
    return out


def _older_shape(conn: sqlite3.Connection, key: str) -> str | None:
    """The shape the derived tables were recorded as having, when it is not `key` (db.derived_key)."""
    try:
        row = conn.execute("SELECT name FROM schema_migrations WHERE name LIKE 'derived:%'").fetchone()
    except sqlite3.OperationalError:
        return "none recorded"
    if row is None:
        return "none recorded"
    return None if row[0] == key else row[0]


def _rows(conn: sqlite3.Connection, table: str) -> set[tuple]:
    from collections import Counter

    counted = Counter(tuple(r) for r in conn.execute(f'SELECT * FROM "{table}"'))
    return {(*row, n) for row, n in counted.items()}
