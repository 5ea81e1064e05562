"""Each article text stored once in the log, however many addresses it is read from.

A wire story runs under many outlets' URLs with the same words; a newsroom archive is full of
them (the issue's scaled archive is the claims of 926 real articles copied under new URLs), and
every copy repeated its text in its `article.revised` event. A text the log already holds is
left out of the new event, which names the event holding it (`text_in`) and the text's SHA-256,
checked when it is read back. The hash chain covers both events, so every byte is still covered.

The derived tables keep each distinct text once too, in `texts` keyed by its SHA-256: an article
row names its current text (`text_id`), a revision its own (`text_sha256`), and the full-text
index is over the distinct texts (articles?_search= maps a match back to every article with
that text). Readers join it: `article_text` below, or `JOIN texts t ON t.id = a.text_id`.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def held_in(conn: sqlite3.Connection, sha256: str) -> int | None:
    """The seq of the article.revised event holding this text inline, if the log has one."""
    row = conn.execute("SELECT text_seq FROM revisions WHERE text_sha256 = ? LIMIT 1", (sha256,)).fetchone()
    return row[0] if row else None


def text_of(conn: sqlite3.Connection, payload: dict) -> str:
    """The text of an article.revised payload (any version): inline, or read from the event it
    names and checked against its SHA-256."""
    text = payload["article"].get("text")
    if text is not None:
        return text
    seq = payload["text_in"]
    row = conn.execute("SELECT payload FROM events WHERE seq = ? AND type = 'article.revised'", (seq,)).fetchone()
    held = json.loads(row[0])["article"].get("text") if row else None
    if held is None or text_sha256(held) != payload["text_sha256"]:
        raise ValueError(f"article {payload['article_id']}: its text is not in event {seq} as its SHA-256 says")
    return held


def article_of(conn: sqlite3.Connection, payload: dict) -> dict:
    """The article of an article.revised payload with its text in place."""
    return {**payload["article"], "text": text_of(conn, payload)}


def stored(conn: sqlite3.Connection, sha256: str, text: str) -> int:
    """The id of this text's row in `texts`, added when it is the first article with it."""
    row = conn.execute("SELECT id FROM texts WHERE sha256 = ?", (sha256,)).fetchone()
    if row is not None:
        return row[0]
    return conn.execute("INSERT INTO texts (sha256, text) VALUES (?, ?)", (sha256, text)).lastrowid


def article_text(conn: sqlite3.Connection, article_id: str) -> str | None:
    """The current text of an article (None when there is no such article)."""
    row = conn.execute("SELECT t.text FROM articles a JOIN texts t ON t.id = a.text_id WHERE a.id = ?",
                       (article_id,)).fetchone()
    return row[0] if row else None


def revision_text(conn: sqlite3.Connection, revision_id: str) -> str | None:
    """The text of the revision `<article id>/<revision>` (None when there is no such revision)."""
    row = conn.execute("SELECT t.text FROM revisions r JOIN texts t ON t.sha256 = r.text_sha256 WHERE r.id = ?",
                       (revision_id,)).fetchone()
    return row[0] if row else None
