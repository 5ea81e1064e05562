"""Recording articles and their claims: the decisions of the write path, one transaction each.

`decide()` says what an article needs (cheap, before NLP); `record()` appends the events and
applies them to the tables in one BEGIN IMMEDIATE transaction, deciding again inside it so that
two processes ingesting at once cannot both append the same thing.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Literal

from newsfacts.schema.article import Article
from newsfacts.schema.claims import Claims

from . import log
from .copies import shared
from .db import transaction
from .originals import deflate
from .projections import apply
from .sentences import compact
from .texts import held_in, text_sha256

Status = Literal["ingested", "revised", "reextracted", "sighted", "unchanged"]


@dataclass(frozen=True)
class Decision:
    status: Status
    article_id: str
    revision: int


@dataclass(frozen=True)
class Outcome:
    status: Status
    article_id: str
    revision: int
    events: int


def decide(conn: sqlite3.Connection, article: Article, extractor: str) -> Decision:
    """What ingesting this article would do, from the current tables."""
    same = conn.execute("SELECT id, revision, extractor FROM articles WHERE content_hash = ? "
                        "ORDER BY (id = ?) DESC LIMIT 1",
                        (article.content_hash, article.article_id)).fetchone()
    if same is not None:
        aid, rev = same["id"], same["revision"]
        if same["extractor"] != extractor:
            return Decision("reextracted", aid, rev)
        if _new_address(conn, aid, article):
            return Decision("sighted", aid, rev)
        return Decision("unchanged", aid, rev)
    prior = conn.execute("SELECT revision FROM articles WHERE id = ?", (article.article_id,)).fetchone()
    if prior is not None:
        return Decision("revised", article.article_id, prior["revision"] + 1)
    return Decision("ingested", article.article_id, 1)


def _new_address(conn: sqlite3.Connection, article_id: str, article: Article) -> bool:
    return bool(article.source) and not conn.execute(
        "SELECT 1 FROM sightings WHERE article_id = ? AND source = ?", (article_id, article.source)).fetchone()


def needs_extraction(decision: Decision) -> bool:
    return decision.status in ("ingested", "revised", "reextracted")


def record(conn: sqlite3.Connection, article: Article, claims: Claims | None, extractor: str,
           actor: str | None = None) -> Outcome:
    """Append what the article needs and update the tables, atomically."""
    with transaction(conn):
        at = log.utc_now()  # one moment for everything this transaction records
        d = decide(conn, article, extractor)
        if needs_extraction(d) and claims is None:
            raise ValueError(f"{article.source}: claims are needed to record a {d.status} article")
        events: list[log.Event] = []

        def emit(stream: str, type_: str, payload: dict) -> None:
            events.append(log.append(conn, stream, type_, payload, actor, at))
            apply(conn, events[-1])

        stream = f"article:{d.article_id}"
        raw = article.raw
        if d.status in ("ingested", "revised", "sighted") and raw is not None and article.raw_sha256:
            if not conn.execute("SELECT 1 FROM originals WHERE sha256 = ?", (article.raw_sha256,)).fetchone():
                compression, data = deflate(raw, article.text)  # the text this revision holds
                emit(f"original:{article.raw_sha256}", "original.stored", {
                    "sha256": article.raw_sha256, "size": len(raw), "compression": compression,
                    "text_of": f"{d.article_id}/{d.revision}", "data": data})
        if d.status in ("ingested", "revised"):
            emit(stream, "article.revised", _revised(conn, d, article))
        elif d.status == "sighted" or (d.status == "reextracted" and _new_address(conn, d.article_id, article)):
            emit(stream, "article.sighted", {
                "article_id": d.article_id, "source": article.source, "reader": article.reader,
                "read_at": article.read_at.isoformat() if article.read_at else None,
                "raw_sha256": article.raw_sha256})
        if needs_extraction(d):
            doc, spans = compact(claims.model_dump(mode="json"), article.text)  # the text of this revision
            emit(stream, "claims.extracted", shared(conn, {  # a copy's claims: named, not repeated
                "article_id": d.article_id, "revision": d.revision, "extractor": extractor,
                "claims": doc, "sentences": spans}, text_sha256(article.text)))
        return Outcome(d.status, d.article_id, d.revision, len(events))


def _revised(conn: sqlite3.Connection, d: Decision, article: Article) -> dict:
    """The article.revised payload: the text inline, unless an earlier event holds it (texts.py)."""
    doc, sha = article.model_dump(mode="json"), text_sha256(article.text)
    held = held_in(conn, sha)
    if held is not None:
        doc["text"] = None
    return {"article_id": d.article_id, "revision": d.revision, "identity": article.identity,
            "content_hash": article.content_hash, "article": doc, "text_sha256": sha, "text_in": held}


def append_and_apply(conn: sqlite3.Connection, stream: str, type_: str, payload: dict,
                     actor: str | None = None) -> log.Event:
    """One event outside ingest (a merge, a verdict), with its table changes, atomically."""
    with transaction(conn):
        event = log.append(conn, stream, type_, payload, actor)
        apply(conn, event)
        return event
