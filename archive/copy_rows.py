"""A wire copy's claim rows copied from those of the article whose extraction holds its claims.

A `claims.extracted` event of version 4 with `claims_in` says that the copy's claims, sentence
spans included, are exactly those of an earlier extraction of the same text by the same
extractor (archive/copies.py). Where that earlier article still shows that extraction, its
quotes, figures and dates rows already hold everything that is the same in every copy (the
words, spans, paragraphs, sentences, kinds, cues, rules): one read and one executemany per table
give the copy its rows, with what is its own put in place - its article id and revision, its outlet
and publication date, the claim ids (claim_id() over the copy's article id, computed in Python
from what the held rows hold), and the speakers its own identity decisions
gave each name (speaker identity still runs per copy: a name may join another speaker in
another outlet's time). The projection (archive/projections.py) takes this path on ingest and on
replay alike, so the incremental tables and the rebuilt ones stay equal.

Columns are read from the table itself (PRAGMA table_info): a column added to or dropped from a
claim table is copied as it is unless it is one named below as the copy's own.
"""

from __future__ import annotations

import sqlite3

TABLES = ("quotes", "figures", "dates")
"""In this order: a figure takes the speaker of the copy's quote it stands in."""


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


def _own(table: str, r: dict, row: dict, ids: dict, quotes: dict) -> dict:
    """What the copy's row holds of its own in place of the held row's (r): every other column is
    copied as it is (a date's month is the date's; a quote's, the article's)."""
    mine = {"id": ids[(table, r["id"])], "article_id": row["aid"], "revision": row["rev"], "outlet": row["outlet"],
            "published": row["published"], "group_id": None}
    if table == "quotes":  # the speaker this copy's identity decisions gave the name; the article's month
        mine["month"] = row["month"]
        mine["speaker_id"], mine["speaker_key"], mine["speaker"] = row["who"].get(r["named_as"], (None, None, None))
    elif table == "figures":  # the speaker of the copy's quote it stands in, as ingest takes it
        mine["quote_id"] = ids[("quotes", r["quote_id"])] if r["quote_id"] is not None else None
        mine["speaker_id"], mine["speaker_key"] = quotes.get(mine["quote_id"], (None, None))
    return mine


def copy_rows(conn: sqlite3.Connection, held: str, row: dict) -> None:
    """Insert the copy's quotes, figures and dates from the held article's. `row`: the copy's
    aid, rev, outlet, published, month, and who (written name -> (speaker id, key, name), as
    speaker_index.assign gave them for the copy)."""
    from .projections import claim_id

    quotes: dict[str, tuple] = {}
    quote_ids: dict = {}
    for table in TABLES:
        cur = conn.execute(f"SELECT * FROM {table} WHERE article_id = ? ORDER BY rowid", (held,))
        columns = [d[0] for d in cur.description]
        held_rows = [dict(zip(columns, r)) for r in cur.fetchall()]
        kind = table[:-1]
        ids = {(table, r["id"]): claim_id(row["aid"], kind, r["start"], r["end"], _words(table, r)) for r in held_rows}
        if table == "figures":
            ids.update(quote_ids)
        out = []
        for r in held_rows:
            mine = _own(table, r, row, ids, quotes)
            out.append(tuple(mine[c] if c in mine else r[c] for c in columns))
        if table == "quotes":
            quote_ids = ids
            for values in out:  # as stored: a repeated id keeps its first row
                quotes.setdefault(values[0], (values[columns.index("speaker_id")], values[columns.index("speaker_key")]))
        names = ", ".join(f'"{c}"' for c in columns)
        conn.executemany(f"INSERT OR IGNORE INTO {table} ({names}) VALUES ({', '.join('?' * len(columns))})", out)


def _words(table: str, r: dict) -> str:
    """What claim_id() hashes besides the span: a date's words as _date_row gives them."""
    from .projections import date_words

    return date_words(r["text"], r["dateline"]) if table == "dates" else r["text"]
