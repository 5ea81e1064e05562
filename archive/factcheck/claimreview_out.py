"""Verdicts as schema.org ClaimReview, the JSON-LD fact-checking organisations publish.

One ClaimReview per current verdict: `claimReviewed` (the claim's words), `reviewRating` (with
ClaimReview's ratingValue, bestRating, worstRating and alternateName), `itemReviewed` as a Claim
with its `author` (the speaker), `datePublished` and every `appearance` (the articles of the
claim's group, the first also as `firstAppearance`), and the review's own `author` (the
organisation from settings), `url` and `datePublished`."""

from __future__ import annotations

import sqlite3

from ..sentences import sentence_sql
from .settings import Settings

SPEAKER_TYPES = {"person": "Person", "organization": "Organization", "group": "Organization"}


def _claim(conn, table: str, claim_id: str) -> sqlite3.Row | None:
    if table == "dates":
        return conn.execute(f"SELECT id, article_id, {sentence_sql('c')} AS words, NULL AS speaker_id, NULL AS group_id "
                            "FROM dates c WHERE id = ?", (claim_id,)).fetchone()
    words = "text" if table == "quotes" else f"COALESCE({sentence_sql('c')}, text)"
    return conn.execute(f"SELECT id, article_id, {words} AS words, speaker_id, group_id FROM {table} c WHERE id = ?",
                        (claim_id,)).fetchone()


def _work(article: sqlite3.Row) -> dict:
    out = {"@type": "CreativeWork", "url": article["url"] or article["source"], "headline": article["headline"]}
    if article["published"]:
        out["datePublished"] = article["published"]
    if article["outlet"]:
        out["publisher"] = {"@type": "Organization", "name": article["outlet"]}
    return out


def _appearances(conn, table: str, claim: sqlite3.Row) -> list[sqlite3.Row]:
    """The claim's article, and every other article of its group, earliest first."""
    ids = {claim["article_id"]}
    if claim["group_id"]:
        ids |= {r[0] for r in conn.execute("SELECT article_id FROM claim_group_members WHERE group_id = ?",
                                           (claim["group_id"],))}
    marks = ",".join("?" * len(ids))
    return conn.execute(f"SELECT * FROM articles WHERE id IN ({marks}) ORDER BY published IS NULL, published, "
                        "first_seen, id", sorted(ids)).fetchall()


def _author(conn, speaker_id: str | None, first: sqlite3.Row) -> dict | None:
    if speaker_id:
        sp = conn.execute("SELECT name, kind FROM speakers WHERE id = ?", (speaker_id,)).fetchone()
        if sp is not None:
            return {"@type": SPEAKER_TYPES.get(sp["kind"], "Person"), "name": sp["name"]}
    if first["outlet"]:
        return {"@type": "Organization", "name": first["outlet"]}  # the article's own statement
    return None


def _rating(v: sqlite3.Row) -> dict:
    out = {"@type": "Rating", "alternateName": v["alternate_name"] or v["verdict"]}
    for key, col in (("ratingValue", "rating_value"), ("bestRating", "best_rating"), ("worstRating", "worst_rating")):
        if v[col] is not None:
            out[key] = v[col]
    return out


def claim_review(conn: sqlite3.Connection, v: sqlite3.Row, settings: Settings) -> dict | None:
    claim = _claim(conn, v["claim_table"], v["claim_id"])
    if claim is None:
        return None  # the claim is gone from the current extraction
    works = _appearances(conn, v["claim_table"], claim)
    first = works[0]
    item = {"@type": "Claim", "appearance": [_work(a) for a in works], "firstAppearance": _work(first)}
    if first["published"]:
        item["datePublished"] = first["published"]
    author = _author(conn, claim["speaker_id"], first)
    if author:
        item["author"] = author
    org = {"@type": "Organization", "name": settings.organization}
    if settings.organization_url:
        org["url"] = settings.organization_url
    review = {"@context": "https://schema.org", "@type": "ClaimReview", "claimReviewed": claim["words"],
              "reviewRating": _rating(v), "itemReviewed": item, "author": org,
              "datePublished": v["recorded_at"][:10]}
    url = v["url"] or (settings.review_url.format(claim_id=v["claim_id"], seq=v["event_seq"])
                       if settings.review_url else None)
    if url:
        review["url"] = url
    if v["note"]:
        review["reviewBody"] = v["note"]
    return review


def export(conn: sqlite3.Connection, settings: Settings, since: str | None = None) -> list[dict]:
    rows = conn.execute("SELECT * FROM verdicts WHERE recorded_at >= ? ORDER BY event_seq", (since or "",)).fetchall()
    return [r for r in (claim_review(conn, v, settings) for v in rows) if r is not None]
