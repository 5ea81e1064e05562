"""Opening an archive and bringing it to the current schema (idempotently)."""

from __future__ import annotations

import hashlib
import os
import sqlite3
from contextlib import contextmanager
from datetime import datetime, timezone
from importlib.resources import files
from pathlib import Path

BUSY_TIMEOUT_MS = 30_000
CACHED_STATEMENTS = 1024
"""Prepared statements kept per connection: the projections use some 430 distinct ones, more than
sqlite3's default 128, which made an article's replay prepare many of them again."""
FTS_TABLES = {"texts": ["text"], "quote_words": ["text", "speaker", "sentence"],
              "figure_words": ["text", "about", "sentence"], "date_words": ["text", "sentence"]}
FTS_CONTENT = {"quote_words": "quote_words_view", "figure_words": "figure_words_view", "date_words": "date_words_view"}
"""Full-text indexes whose words are read from a view (schema/views.sql): a claim's sentence is a span
of its text, stored once in texts (archive/sentences.py), and each distinct wording of a claim is
indexed once (schema/tables.sql: quote_words), however many wire copies hold it."""
ROWS_OF_VIEW = {"quote_sentences": "quotes", "figure_sentences": "figures", "date_sentences": "dates"}
"""Views with one row per row of a table (each claim with its sentence, a LEFT JOIN to texts)."""
SENTENCE_COLUMNS = ["text_id", "sentence_start", "sentence_end", "sentence_text"]


def _sql(name: str) -> str:
    return files("newsfacts.schema").joinpath(name).read_text(encoding="utf-8")


def connect(path: str | Path) -> sqlite3.Connection:
    """A connection in autocommit mode (transactions are explicit), WAL, with a busy timeout,
    brought to the current schema."""
    conn = sqlite3.connect(str(path), isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000,
                           cached_statements=CACHED_STATEMENTS)
    conn.row_factory = sqlite3.Row
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute(f"PRAGMA synchronous = {synchronous()}")
    migrate(conn)
    return conn


SYNCHRONOUS_ENV = "NEWSFACTS_SYNCHRONOUS"


def synchronous() -> str:
    """NORMAL (the default: a power cut may lose the last transactions, never corrupt the file)
    or FULL (each commit is on disk when it returns), from $NEWSFACTS_SYNCHRONOUS."""
    value = os.environ.get(SYNCHRONOUS_ENV, "NORMAL").upper()
    if value not in ("NORMAL", "FULL", "EXTRA"):
        raise ValueError(f"{SYNCHRONOUS_ENV}={value!r}: use NORMAL, FULL or EXTRA")
    return value


@contextmanager
def transaction(conn: sqlite3.Connection):
    """BEGIN IMMEDIATE ... COMMIT, rolled back on any error: an article is all or nothing."""
    from .locking import begin_immediate

    begin_immediate(conn)
    try:
        yield conn
    except BaseException:
        if conn.in_transaction:  # SQLite has already rolled back after some errors (a full disk)
            conn.execute("ROLLBACK")
        raise
    else:
        conn.execute("COMMIT")


def derived_key() -> str:
    """Names the shape of the derived tables: their SQL and the projections' version. When it
    changes, the tables are rebuilt from the log, which is why they need no migrations."""
    from .factcheck.projections import VERSION as FACTCHECK_VERSION
    from .projections import PROJECTIONS_VERSION

    from .summaries import triggers

    sql = (_sql("tables.sql") + _sql("views.sql") + repr(sorted(FTS_TABLES.items())) + repr(sorted(FTS_CONTENT.items()))
           + "".join(triggers()))
    return f"derived:{hashlib.sha256(sql.encode()).hexdigest()[:16]}:{PROJECTIONS_VERSION}.{FACTCHECK_VERSION}"


def migrate(conn: sqlite3.Connection) -> None:
    """Bring the archive to the current schema; idempotent, and safe from several processes.

    The event log is created in a new file only (guard.ensure_log: a trigger removed from an
    existing archive is never silently put back). Derived tables of another shape are replayed from
    the log, once it is found safe to write beside: beside the archive without its write lock, then
    swapped in by one short transaction (archive/swap.py), so ingests are not held for the replay."""
    from .guard import check_writable, ensure_log

    key = derived_key()
    if _recorded(conn, key):
        return
    with transaction(conn):
        ensure_log(conn)
        if _recorded(conn, key):  # another process did it while we waited for the lock
            return
        check_writable(conn)
        if _in_place(conn):  # a new file, or one in memory: nothing to gain from building beside it
            from .rebuild import bulk_replay

            bulk_replay(conn)  # drop, replay into bare tables, then index and count once
            record_key(conn, key)
            return
    from .swap import rebuild_beside

    rebuild_beside(conn, key=key)  # replayed without the lock, swapped in (unless another process did)


def _in_place(conn: sqlite3.Connection) -> bool:
    from .swap import archive_path

    return archive_path(conn) is None or conn.execute("SELECT 1 FROM events LIMIT 1").fetchone() is None


def record_key(conn: sqlite3.Connection, key: str) -> None:
    """The derived tables now have the shape `key` names (inside the caller's transaction)."""
    conn.execute("DELETE FROM schema_migrations WHERE name LIKE 'derived:%'")
    conn.execute("INSERT INTO schema_migrations VALUES (?, ?)", (key, datetime.now(timezone.utc).isoformat()))


def _recorded(conn: sqlite3.Connection, key: str) -> bool:
    try:
        return conn.execute("SELECT 1 FROM schema_migrations WHERE name = ?", (key,)).fetchone() is not None
    except sqlite3.OperationalError:  # a new file: no schema_migrations yet
        return False


def create_derived(conn: sqlite3.Connection) -> None:
    """Derived tables, full-text indexes and views (inside the caller's transaction)."""
    for statement in _statements(_sql("tables.sql")) + _statements(_sql("views.sql")):
        conn.execute(statement)
    for table, columns in FTS_TABLES.items():
        if table in FTS_CONTENT:
            _enable_fts_over_view(conn, table, FTS_CONTENT[table], columns)
        else:
            _enable_fts(conn, table, columns)
    from . import summaries
    from .factcheck.rating_table import fill_default

    summaries.create(conn)
    fill_default(conn)  # the default rating scale, unless the log recorded one


def drop_derived(conn: sqlite3.Connection) -> None:
    """Drop every derived table, view, FTS index and trigger (inside the caller's transaction)."""
    rows = conn.execute(
        "SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' "
        "AND type IN ('view', 'trigger', 'table') ORDER BY type = 'table'").fetchall()
    keep = {"events", "schema_migrations", "events_no_update", "events_no_delete", "events_no_replace"}
    for kind, name in rows:
        if name in keep:
            continue
        exists = conn.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (name,)).fetchone()
        if exists:  # an FTS table's shadow tables go with it
            conn.execute(f'DROP {kind.upper()} IF EXISTS main."{name}"')


def _quoted(name: str) -> str:
    return '"{}"'.format(name.replace('"', '""'))


def _enable_fts(conn: sqlite3.Connection, table: str, columns: list[str]) -> None:
    """FTS5 over a table (external content: the table's own rows), filled in one pass and then
    kept in step by triggers; inside the caller's transaction, so a migration or a rebuild stays
    all-or-nothing. The DDL is what sqlite-utils' `enable_fts(create_triggers=True)` writes, which
    Datasette's search finds, without importing sqlite-utils (and numpy with it) into every
    rebuild; the update trigger re-indexes a row only when an indexed column changes, not when
    its claim group is set."""
    fts = f"{table}_fts"
    if conn.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (fts,)).fetchone():
        return
    t, f = _quoted(table), _quoted(fts)
    cols = ", ".join(_quoted(c) for c in columns)
    old, new = (", ".join(f"{r}.{_quoted(c)}" for c in columns) for r in ("old", "new"))
    conn.execute(f"CREATE VIRTUAL TABLE {f} USING FTS5 (\n    {cols},\n    content={t}\n)")
    conn.execute(f"INSERT INTO {f} (rowid, {cols})\n    SELECT rowid, {cols} FROM {t}")
    conn.execute(f"CREATE TRIGGER {_quoted(table + '_ai')} AFTER INSERT ON {t} BEGIN\n"
                 f"  INSERT INTO {f} (rowid, {cols}) VALUES (new.rowid, {new});\nEND")
    conn.execute(f"CREATE TRIGGER {_quoted(table + '_ad')} AFTER DELETE ON {t} BEGIN\n"
                 f"  INSERT INTO {f} ({f}, rowid, {cols}) VALUES('delete', old.rowid, {old});\nEND")
    conn.execute(f'CREATE TRIGGER {_quoted(table + "_au")} AFTER UPDATE OF {cols} ON {t} BEGIN '
                 f"INSERT INTO {f} ({f}, rowid, {cols}) VALUES ('delete', old.rowid, {old}); "
                 f"INSERT INTO {f} (rowid, {cols}) VALUES (new.rowid, {new}); END")


def _enable_fts_over_view(conn: sqlite3.Connection, table: str, view: str, columns: list[str]) -> None:
    """FTS5 over a table's rows as a view shows them (external content: the view), filled in one
    pass and then kept in step by triggers on the table that read the row through the view: after
    it is inserted, and before it is deleted or its indexed words change (the view must still show
    the old words for FTS5 to remove them). Datasette finds it through metadata.yml's fts_table."""
    fts = f"{table}_fts"
    if conn.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (fts,)).fetchone():
        return
    t, f, v = _quoted(table), _quoted(fts), _quoted(view)
    cols = ", ".join(_quoted(c) for c in columns)
    watched = ", ".join(_quoted(c) for c in [c for c in columns if c != "sentence"] + SENTENCE_COLUMNS)
    conn.execute(f"CREATE VIRTUAL TABLE {f} USING FTS5 (\n    {cols},\n    content={v}\n)")
    conn.execute(f"INSERT INTO {f} (rowid, {cols})\n    SELECT rowid, {cols} FROM {v}")
    add = f"INSERT INTO {f} (rowid, {cols}) SELECT rowid, {cols} FROM {v} WHERE rowid = new.rowid;"
    remove = f"INSERT INTO {f} ({f}, rowid, {cols}) SELECT 'delete', rowid, {cols} FROM {v} WHERE rowid = old.rowid;"
    conn.execute(f"CREATE TRIGGER {_quoted(table + '_ai')} AFTER INSERT ON {t} BEGIN {add} END")
    conn.execute(f"CREATE TRIGGER {_quoted(table + '_bd')} BEFORE DELETE ON {t} BEGIN {remove} END")
    conn.execute(f"CREATE TRIGGER {_quoted(table + '_bu')} BEFORE UPDATE OF {watched} ON {t} BEGIN {remove} END")
    conn.execute(f"CREATE TRIGGER {_quoted(table + '_au')} AFTER UPDATE OF {watched} ON {t} BEGIN {add} END")


def _statements(script: str) -> list[str]:
    """Split a SQL script into statements (sqlite3.complete_statement knows about triggers)."""
    out, buf = [], ""
    for line in script.splitlines(keepends=True):
        if line.lstrip().startswith("--") and not buf.strip():
            continue
        buf += line
        if sqlite3.complete_statement(buf):
            out.append(buf.strip())
            buf = ""
    if buf.strip():
        out.append(buf.strip())
    return out
