"""Safe to serve: the Datasette hooks that keep a public archive's SQL from reaching what it must not.

"Datasette's SQL cannot reach `fts3_tokenizer` or other dangerous functions (... on every
connection Datasette opens, through a plugin hook), does not disclose file paths, ... and
`originals` (the raw bytes) can be kept private by a setting." Python 3.11's sqlite3 has no
`setconfig`, so the tokenizer switch (SQLITE_DBCONFIG_ENABLE_FTS3_TOKENIZER) is out of reach;
an authorizer on every connection denies the function instead, whatever the build enables.

Registered through the `datasette` entry point (pyproject.toml) as `newsfacts_safety`. Settings
(plugin configuration `newsfacts-safety` in the metadata, or the environment):
    private_originals: true   (or NEWSFACTS_PRIVATE_ORIGINALS=1; `newsfacts serve --private-originals`)
        the `originals` table is hidden and its bytes unreadable, and so is `events.payload`,
        where the `original.stored` events carry the same bytes.
"""

from __future__ import annotations

import os
import sqlite3
from functools import lru_cache
from importlib.resources import files

from datasette import hookimpl
from datasette.utils.asgi import Response

PLUGIN = "newsfacts-safety"
ENV_PRIVATE = "NEWSFACTS_PRIVATE_ORIGINALS"
MAX_LENGTH = 64 * 1024 * 1024
"""Longest string or blob one query may make (SQLite's default is 1 GB: `printf('%.*c', ...)`
would take that much memory per request). Above the largest original (20 MB, compressed)."""
PRIVATE_COLUMNS = {("originals", "content"), ("events", "payload")}
HIDDEN_COLUMNS = {("pragma_database_list", "file")}
"""Read as NULL: the archive's path on the server's disk."""


@lru_cache(maxsize=1)
def denied_functions() -> frozenset[str]:
    text = files("newsfacts.archive").joinpath("words", "denied_sql_functions.txt").read_text(encoding="utf-8")
    return frozenset(ln.strip().lower() for ln in text.splitlines() if ln.strip() and not ln.startswith("#"))


def private_originals(datasette) -> bool:
    config = (datasette.plugin_config(PLUGIN) or {}) if datasette is not None else {}
    if "private_originals" in config:
        return bool(config["private_originals"])
    return os.environ.get(ENV_PRIVATE, "").strip().lower() in ("1", "true", "yes")


def authorizer(private: bool):
    """The callback SQLite asks before it compiles each statement's every step."""
    denied = denied_functions()

    def check(action: int, arg1, arg2, database, trigger) -> int:
        if action == sqlite3.SQLITE_FUNCTION and (arg2 or "").lower() in denied:
            return sqlite3.SQLITE_DENY
        if action == sqlite3.SQLITE_READ:
            if (arg1, arg2) in HIDDEN_COLUMNS:
                return sqlite3.SQLITE_IGNORE
            if private and (arg1, arg2) in PRIVATE_COLUMNS:
                return sqlite3.SQLITE_IGNORE
        return sqlite3.SQLITE_OK

    return check


def guard(conn: sqlite3.Connection, private: bool = False) -> None:
    """Make one connection safe to hand to the public."""
    conn.set_authorizer(authorizer(private))
    conn.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, MAX_LENGTH)


@hookimpl
def prepare_connection(conn, database, datasette):
    guard(conn, private_originals(datasette))


@hookimpl
def permission_allowed(datasette, actor, action, resource):
    if action == "view-table" and private_originals(datasette) and isinstance(resource, tuple) \
            and resource[1:] == ("originals",):
        return False
    return None


async def databases(datasette):
    """/-/databases.json without the `path` Datasette lists (where the archive sits on disk)."""
    return Response.json([
        {"name": db.name, "route": db.route, "is_mutable": db.is_mutable, "is_memory": db.is_memory,
         "hash": db.hash} for db in datasette.databases.values() if db.name != "_internal"])


@hookimpl
def register_routes(datasette):
    # plugin routes come before Datasette's own, so this one answers first
    return [(r"^/-/databases(\.json)?$", databases)]
