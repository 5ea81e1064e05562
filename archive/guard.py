"""The guarded write path: no write goes into an archive whose log was tampered with.

"Drop the triggers with a plain `sqlite3` connection, then run `newsfacts ingest`: it appends
without a word, and does not restore them." Every writer checks first that the append-only
triggers are in place as created, that `events` is still the log (not dropped, not renamed),
and that the chain's last event still matches its hash; and opening an archive creates the log
only in a new, empty file, so a removed trigger is never silently put back on a tampered one.
"""

from __future__ import annotations

import functools
import re
import sqlite3
from datetime import datetime, timezone

LOG_MARK = "log:v1"
"""Recorded in schema_migrations when the log is created: an archive without `events` but with
this mark (or any other table) lost its log, it is not new."""

TRIGGERS = ("events_no_update", "events_no_delete", "events_no_replace")
COLUMNS = ("seq", "stream", "version", "type", "schema_version", "payload", "recorded_at", "actor",
           "prev_hash", "hash")

RESTORE = ("restore the archive from a backup (`newsfacts backup` makes them), or check it with "
           "`newsfacts verify --checkpoint FILE` and, if the log is intact, put the triggers back with "
           "`newsfacts reseal`")


class ArchiveTampered(sqlite3.DatabaseError):
    """The archive's log is not as newsfacts left it; the message names what and the fix. A
    DatabaseError, so a batch stops at once instead of counting it against every article."""


def _normal(sql: str) -> str:
    sql = re.sub(r"--[^\n]*", "", sql)
    sql = re.sub(r"\bIF NOT EXISTS\b", "", sql, flags=re.I)
    return re.sub(r"\s+", " ", sql).strip().rstrip(";").lower()


@functools.cache
def expected_triggers() -> dict[str, str]:
    from .db import _sql, _statements

    out = {}
    for st in _statements(_sql("events.sql")):
        m = re.match(r"CREATE TRIGGER IF NOT EXISTS (\w+)", st)
        if m:
            out[m.group(1)] = _normal(st)
    return out


def ensure_log(conn: sqlite3.Connection) -> None:
    """Create the log in a new file (inside the caller's transaction); on an existing archive,
    create nothing of it, and refuse one whose `events` table is gone."""
    from .db import _sql, _statements

    names = {n for (n,) in conn.execute("SELECT name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'")}
    if not names:
        for statement in _statements(_sql("events.sql")):
            conn.execute(statement)
        conn.execute("INSERT INTO schema_migrations VALUES (?, ?)",
                     (LOG_MARK, datetime.now(timezone.utc).isoformat()))
        return
    if "events" not in names:
        raise ArchiveTampered("the events table is missing (dropped or renamed) from a file that is "
                              f"not empty: this archive lost its log; {RESTORE.split(', or ')[0]}")
    if "schema_migrations" not in names:
        raise ArchiveTampered("schema_migrations is missing: this is not an archive newsfacts made")
    if not problems(conn):  # an intact archive from before the mark: mark it
        conn.execute("INSERT OR IGNORE INTO schema_migrations VALUES (?, ?)",
                     (LOG_MARK, datetime.now(timezone.utc).isoformat()))


def problems(conn: sqlite3.Connection) -> list[str]:
    """What makes this archive unsafe to write to, in words (empty when all is well)."""
    rows = conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master").fetchall()
    tables = {r[1] for r in rows if r[0] == "table"}
    if "events" not in tables:
        return ["the events table is missing (dropped or renamed)"]
    found = []
    cols = tuple(r[1] for r in conn.execute("PRAGMA table_info(events)"))
    if cols != COLUMNS:
        found.append(f"the events table does not have the log's columns ({', '.join(cols)})")
    triggers = {r[1]: r for r in rows if r[0] == "trigger"}
    for name, sql in expected_triggers().items():
        row = triggers.get(name)
        if row is None:
            found.append(f"the append-only trigger {name} is missing")
        elif row[2] != "events" or _normal(row[3]) != sql:
            found.append(f"the append-only trigger {name} was replaced by another")
    last = last_event_problem(conn)
    if last:
        found.append(last)
    return found


def last_event_problem(conn: sqlite3.Connection) -> str | None:
    """The chain's end must still match: its hash over its content, its prev_hash over the one before."""
    from .log import event_hash

    rows = conn.execute("SELECT * FROM events ORDER BY seq DESC LIMIT 2").fetchall()
    if not rows:
        return None
    r = rows[0]
    digest = event_hash(r["seq"], r["stream"], r["version"], r["type"], r["schema_version"], r["payload"],
                        r["recorded_at"], r["actor"], r["prev_hash"])
    if digest != r["hash"]:
        return f"the last event ({r['seq']}) does not match its hash: it was altered"
    before = rows[1]["hash"] if len(rows) > 1 else None
    if r["prev_hash"] != before:
        return f"the last event ({r['seq']}) does not follow the event before it"
    return None


def check_writable(conn: sqlite3.Connection) -> None:
    """Raise ArchiveTampered, naming every problem and the fix, unless the log is safe to append to."""
    found = problems(conn)
    if found:
        raise ArchiveTampered("refusing to write: " + "; ".join(found) + f". To go on, {RESTORE}.")


def reseal(conn: sqlite3.Connection) -> list[str]:
    """Put back the append-only triggers exactly as created (inside the caller's transaction), on an
    archive the caller has verified. Returns the names of the triggers re-created."""
    from .db import _sql, _statements

    redone = []
    current = {n: s for n, s in conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")}
    for st in _statements(_sql("events.sql")):
        m = re.match(r"CREATE TRIGGER IF NOT EXISTS (\w+)", st)
        if not m:
            continue
        name = m.group(1)
        if name in current and _normal(current[name]) == _normal(st):
            continue
        conn.execute(f'DROP TRIGGER IF EXISTS "{name}"')
        conn.execute(st)
        redone.append(name)
    conn.execute("INSERT OR IGNORE INTO schema_migrations VALUES (?, ?)",
                 (LOG_MARK, datetime.now(timezone.utc).isoformat()))
    return redone
