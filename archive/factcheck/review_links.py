"""Published fact-checks in the archive: their rows, and the quotes each one matches.

"links each to the claims in the archive it matches (same speaker, similar words), so a
fact-checker sees 'already checked by ...' on a claim." A review matches a quote when the
review's claim author is the quote's speaker (review_speakers.py: the author's name resolved as
speaker identity resolves a source's name, so `Lindgren` or `M. Lindgren` finds Marta Lindgren)
and the shorter of the two texts is mostly found, in order, in the other."""

from __future__ import annotations

import hashlib
import json
import sqlite3

from ..log import Event
from ..projections import slug
from .review_speakers import author_speaker, surname
from .text_match import containment, tokens

MATCH = 0.6
"""Share of the shorter text's words found in order in the other."""


def review_id(review: dict) -> str:
    key = f"{review.get('url') or ''}|{review['claim_reviewed']}"
    return hashlib.sha256(key.encode()).hexdigest()[:16]


def apply_import(conn: sqlite3.Connection, e: Event) -> None:
    p = e.payload
    for r in p["reviews"]:
        rid = review_id(r)
        author = r.get("claim_author")
        conn.execute("DELETE FROM claim_review_links WHERE review_id = ?", (rid,))
        sid = author_speaker(conn, author, r["claim_reviewed"])
        conn.execute(
            "INSERT OR REPLACE INTO claim_reviews VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (rid, e.seq, r.get("url"), r.get("publisher"), r["claim_reviewed"], author,
             slug(author) if author else None, r.get("rating"), r.get("rating_value"), r.get("best_rating"),
             r.get("worst_rating"), r.get("date_published"), json.dumps(r.get("appearances") or []),
             p["source"], e.recorded_at, sid, surname(author)))
        if author:
            _link(conn, rid, r["claim_reviewed"],
                  conn.execute("SELECT id, article_id, text FROM quotes WHERE speaker_id IN (?, ?) OR speaker_key = ?",
                               (slug(author), sid, slug(author))).fetchall())


def _link(conn, rid: str, words: str, quotes) -> None:
    want = tokens(words)
    for q in quotes:
        score = containment(want, tokens(q["text"]))
        if score >= MATCH and min(len(want), len(tokens(q["text"]))) >= 3:
            conn.execute("INSERT OR REPLACE INTO claim_review_links VALUES (?, ?, ?, ?)",
                         (rid, q["id"], q["article_id"], round(score, 3)))


def link_article(conn: sqlite3.Connection, article_id: str) -> None:
    """Link the article's (new) quotes to the reviews already in the archive: those naming the
    quote's speaker by slug, and those whose author has the speaker's surname and resolves to it."""
    conn.execute("DELETE FROM claim_review_links WHERE article_id = ?", (article_id,))
    if conn.execute("SELECT 1 FROM claim_reviews LIMIT 1").fetchone() is None:
        return  # no review in the archive (most archives, and a replay until the first import)
    quotes = conn.execute("SELECT id, article_id, text, speaker_id, speaker_key FROM quotes WHERE article_id = ?",
                          (article_id,)).fetchall()
    resolved: dict[str, str | None] = {}
    reviews: dict[tuple, list] = {}  # the reviews that may name a speaker: read once per speaker
    for q in quotes:
        if not q["speaker_id"]:
            continue
        who = (q["speaker_id"], q["speaker_key"])
        if who not in reviews:
            reviews[who] = _reviews_naming(conn, *who)
        for r in reviews[who]:
            if r[3] not in who:
                if r[0] not in resolved:
                    resolved[r[0]] = author_speaker(conn, r[2], r[1])
                if resolved[r[0]] != q["speaker_id"]:
                    continue
            _link(conn, r[0], r[1], [q])


def _reviews_naming(conn, speaker_id: str, speaker_key: str | None) -> list:
    """Reviews whose author is this speaker by slug, or has one of the speaker's surnames."""
    names = [r[0] for r in conn.execute("SELECT DISTINCT surname FROM speaker_names WHERE speaker_id = ? "
                                        "AND surname IS NOT NULL", (speaker_id,))]
    return conn.execute(
        f"SELECT id, claim_reviewed, claim_author, speaker_slug FROM claim_reviews WHERE speaker_slug IN (?, ?) "
        f"OR author_surname IN ({','.join('?' * len(names)) or 'NULL'})",
        (speaker_id, speaker_key, *names)).fetchall()


def checked_by(conn: sqlite3.Connection, quote_id: str) -> list[dict]:
    """'already checked by ...': the published reviews linked to a quote."""
    return [dict(r) for r in conn.execute(
        "SELECT r.publisher, r.rating, r.url, r.date_published, l.score FROM claim_review_links l "
        "JOIN claim_reviews r ON r.id = l.review_id WHERE l.quote_id = ? ORDER BY r.date_published, r.id",
        (quote_id,))]
