"""What an attacker (or an unlucky operator) holding the file can do to an archive: a plain
sqlite3 connection, the triggers dropped, rows edited, and the chain recomputed to hide it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from newsfacts.archive.log import event_hash

COLUMNS = "seq, stream, version, type, schema_version, payload, recorded_at, actor, prev_hash, hash"


def plain(path: Path) -> sqlite3.Connection:
    c = sqlite3.connect(path, isolation_level=None)
    c.row_factory = sqlite3.Row
    return c


def drop_triggers(c: sqlite3.Connection) -> None:
    for name in ("events_no_update", "events_no_delete", "events_no_replace"):
        c.execute(f"DROP TRIGGER IF EXISTS {name}")


def tamper(path: Path, *statements: str, rechain_from: int | None = None, keep_triggers_off: bool = False) -> None:
    """Run the statements with the triggers dropped; then, when asked, recompute every hash from
    `rechain_from` on, as a careful forger would; and put the triggers back unless told not to
    (a forger hides the work), so only the log's content tells."""
    c = plain(path)
    c.execute("BEGIN")
    drop_triggers(c)
    for st in statements:
        c.execute(st)
    if rechain_from is not None:
        rechain(c, rechain_from)
    if not keep_triggers_off:
        restore_triggers(c)
    c.execute("COMMIT")
    c.close()


def rechain(c: sqlite3.Connection, start: int) -> None:
    prev = c.execute("SELECT hash FROM events WHERE seq < ? ORDER BY seq DESC LIMIT 1", (start,)).fetchone()
    prev_hash = prev[0] if prev else None
    for r in c.execute("SELECT * FROM events WHERE seq >= ? ORDER BY seq", (start,)).fetchall():
        digest = event_hash(r["seq"], r["stream"], r["version"], r["type"], r["schema_version"], r["payload"],
                            r["recorded_at"], r["actor"], prev_hash)
        c.execute("UPDATE events SET prev_hash = ?, hash = ? WHERE seq = ?", (prev_hash, digest, r["seq"]))
        prev_hash = digest


def restore_triggers(c: sqlite3.Connection) -> None:
    from newsfacts.archive.db import _sql, _statements

    for st in _statements(_sql("events.sql")):
        if st.startswith("CREATE TRIGGER"):
            c.execute(st)


def append_forged(c: sqlite3.Connection, payload: str, *, good_hash: bool) -> int:
    """An event added at the end by hand: with a made-up hash, or with the one the code would compute."""
    last = c.execute("SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1").fetchone()
    seq, prev = last[0] + 1, last[1]
    row = (seq, "claim:forged", 1, "verdict.recorded", 1, payload, "2026-01-01T00:00:00+00:00", "mallory", prev)
    digest = event_hash(*row) if good_hash else "0" * 64
    c.execute(f"INSERT INTO events ({COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", (*row, digest))
    return seq


def copy_archive(src: Path, dest: Path) -> Path:
    """A whole copy, WAL included (SQLite's backup API)."""
    a, b = sqlite3.connect(src), sqlite3.connect(dest)
    a.backup(b)
    a.close()
    b.close()
    return dest
