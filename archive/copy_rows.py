"""A wire copy's claim rows copied from those of the article whose extraction holds its claims.

A `claims.extracted` event of version 4 with `claims_in` says that the copy's claims, sentence
spans included, are exactly those of an earlier extraction of the same text by the same
extractor (archive/copies.py). Where that earlier article still shows that extraction, its
quotes, figures and dates rows already hold everything that is the same in every copy (the
words, spans, paragraphs, sentences, kinds, cues, rules): one INSERT ... SELECT per table gives
the copy its rows inside SQLite, with what is its own put in place - its article id and revision,
its outlet and publication date, the claim ids (claim_id() over the copy's article id, the SQL
function CLAIM_ID_SQL, from what the held rows hold), and the speakers its own identity decisions
gave each name (speaker identity still runs per copy: a name may join another speaker in
another outlet's time). Building each row in Python cost more than the inserts themselves. The
projection (archive/projections.py) takes this path on ingest and on replay alike, so the
incremental tables and the rebuilt ones stay equal.

Columns are read from the table itself (PRAGMA table_info): a column added to or dropped from a
claim table is copied as it is unless it is one named below as the copy's own.
"""

from __future__ import annotations

import json
import sqlite3
from functools import lru_cache

TABLES = ("quotes", "figures", "dates")
"""In this order: a figure takes the speaker of the copy's quote it stands in."""

CLAIM_ID_SQL = "newsfacts_claim_id"
"""claim_id(article id, kind, start, end, words) in SQL, a date's words as _date_row gives them."""


def held_article(conn: sqlite3.Connection, payload: dict, has_title: bool) -> str | None:
    """The article whose rows the copy's can be copied from: the one whose extraction holds the
    copy's claims (`claims_in`), if another article, still at that revision, whose latest
    extraction is that one, with a title as the copy has one or not (which names read as junk
    depends on it: speaker_index._reading); else None, and the claims are projected one by one."""
    seq = payload.get("claims_in")
    if seq is None:
        return None
    row = conn.execute(
        "SELECT x.article_id, a.title FROM extractions x JOIN articles a ON a.id = x.article_id "
        "AND a.revision = x.revision AND a.extractor = x.extractor WHERE x.event_seq = ?", (seq,)).fetchone()
    if row is None or row[0] == payload["article_id"] or bool(row[1]) != has_title:
        return None
    latest = conn.execute("SELECT MAX(event_seq) FROM extractions x JOIN articles a ON a.id = x.article_id "
                          "AND a.revision = x.revision WHERE x.article_id = ?", (row[0],)).fetchone()[0]
    return row[0] if latest == seq else None


def register(conn: sqlite3.Connection) -> None:
    """The SQL function the copies' statements call (deterministic: a pure function of its
    arguments). Creating a function that does not exist yet is allowed while other statements
    run (the replay's cursor over the log); only redefining one is not."""
    from .projections import claim_id, date_words

    def _claim_id(article_id: str, kind: str, start, end, text: str, dateline) -> str:
        return claim_id(article_id, kind, start, end, date_words(text, dateline) if kind == "date" else text)

    conn.create_function(CLAIM_ID_SQL, 6, _claim_id, deterministic=True)


def _id(kind: str, alias: str, dateline: str = "0") -> str:
    return f"{CLAIM_ID_SQL}(:aid, '{kind}', {alias}.start, {alias}.\"end\", {alias}.text, {dateline})"


OWN = {"id": None, "article_id": ":aid", "revision": ":rev", "outlet": ":outlet", "published": ":published",
       "group_id": "NULL"}
"""What every copied row holds of its own (the id: _id over the held row)."""
OWN_BY_TABLE = {
    # the speaker this copy's identity decisions gave the name (who: name -> [id, key, name]);
    # the article's month
    "quotes": {"month": ":month", "speaker_id": "json_extract(w.value, '$[0]')",
               "speaker_key": "json_extract(w.value, '$[1]')", "speaker": "json_extract(w.value, '$[2]')"},
    # the copy's quote it stands in, and that quote's speaker as stored (a repeated id keeps its
    # first row), as ingest takes it
    "figures": {"quote_id": "nq.id", "speaker_id": "nq.speaker_id", "speaker_key": "nq.speaker_key"},
    "dates": {},
}
JOINS = {
    "quotes": "LEFT JOIN json_each(:who) w ON w.key = h.named_as",
    "figures": f"LEFT JOIN quotes hq ON hq.id = h.quote_id LEFT JOIN quotes nq ON hq.id IS NOT NULL "
               f"AND nq.id = {_id('quote', 'hq')}",
    "dates": "",
}


def copy_sql(conn: sqlite3.Connection, table: str) -> str:
    """INSERT ... SELECT of a table's rows of the held article as the copy's, in their order."""
    return _copy_sql(table, tuple(r[1] for r in conn.execute(f"PRAGMA table_info({table})")))


@lru_cache(maxsize=64)
def _copy_sql(table: str, columns: tuple[str, ...]) -> str:
    own = {**OWN, **OWN_BY_TABLE[table], "id": _id(table[:-1], "h", "h.dateline" if table == "dates" else "0")}
    names = ", ".join(f'"{c}"' for c in columns)
    values = ", ".join(own.get(c) or f'h."{c}"' for c in columns)
    return (f"INSERT OR IGNORE INTO {table} ({names}) SELECT {values} FROM {table} h {JOINS[table]} "
            "WHERE h.article_id = :held ORDER BY h.rowid")


def copy_rows(conn: sqlite3.Connection, held: str, row: dict) -> None:
    """Insert the copy's quotes, figures and dates from the held article's. `row`: the copy's
    aid, rev, outlet, published, month, and who (written name -> (speaker id, key, name), as
    speaker_index.assign gave them for the copy)."""
    args = {**{k: row[k] for k in ("aid", "rev", "outlet", "published", "month")}, "held": held,
            "who": json.dumps(row["who"], ensure_ascii=False)}
    for table in TABLES:
        sql = copy_sql(conn, table)
        try:
            conn.execute(sql, args)
        except sqlite3.OperationalError as e:
            if CLAIM_ID_SQL not in str(e):
                raise
            register(conn)  # first copy on this connection
            conn.execute(sql, args)
