"""A quote's, figure's or date's row page: the sentence it stands in with the claim picked out, the
article it is in and a link to its marked place there, its speaker and its verdicts."""

from __future__ import annotations

from markupsafe import Markup, escape

from ..sentences import sentence_sql
from .tables import existing, one, rows

TABLES = {"quotes": "quote", "figures": "figure", "dates": "date"}


def sentence_with(sentence: str | None, text: str | None) -> Markup:
    """The sentence with the claim's words marked (when they are in it as written)."""
    if not sentence:
        return Markup("")
    at = sentence.find(text or "\0") if text else -1
    if at < 0:
        return escape(sentence)
    return (escape(sentence[:at]) + Markup('<mark class="nf-here">') + escape(text) + Markup("</mark>")
            + escape(sentence[at + len(text):]))


async def context(datasette, database: str, table: str, claim_id: str) -> dict | None:
    db = datasette.get_database(database)
    claim = await one(db, f"SELECT c.*, {sentence_sql('c')} AS sentence FROM [{table}] c WHERE c.id = :i",
                      {"i": claim_id})  # the sentence is a span of the text, stored once (archive/sentences.py)
    if claim is None:
        return None
    article = await one(db, "SELECT id, headline, outlet, published, url FROM articles WHERE id = :a",
                        {"a": claim["article_id"]})
    speaker = None
    if claim.get("speaker_id"):
        speaker = await one(db, "SELECT id, name, kind FROM speakers WHERE id = :s", {"s": claim["speaker_id"]})
    verdicts = (await rows(db, "SELECT * FROM verdicts WHERE claim_id = :i ORDER BY event_seq", {"i": claim_id})
                if await existing(db, "verdicts") else [])
    return {
        "kind": TABLES[table],
        "claim": claim,
        "sentence": sentence_with(claim.get("sentence"), claim.get("text")),
        "article": article,
        "article_href": datasette.urls.row(database, "articles", claim["article_id"]) if article else None,
        "place_href": (datasette.urls.row(database, "articles", claim["article_id"]) + f"#claim-{claim_id}")
        if article else None,
        "speaker": speaker,
        "speaker_href": datasette.urls.row(database, "speakers", speaker["id"]) if speaker else None,
        "verdicts": verdicts,
    }
