"""Each sentence and each claim's words stored once in the log: spans of the revision's text.

The extractor gives every quote, figure and date the sentence it stands in; an article of fifteen
quotes and a dozen figures and dates repeated its text again, sentence by sentence, in every
`claims.extracted` event (a third of the event's bytes). The text is already in the log (the
`article.revised` event of the same revision), so a sentence found there is stored as its offsets
(`sentences` in the payload, version 2) and its words are left out of the claim; `expand()` puts
them back, exactly as extracted. A sentence not found as written stays inline.

Version 3 does the same for the claim's own words: "text: The quoted words" is the article text
between the claim's `start` and `end` for every claim but a dateline, so where it is exactly
that span it is left out (schema/stored_claims.py), and `expand()` reads it back from the text.
"""

from __future__ import annotations

from collections.abc import Callable

from newsfacts.schema.stored_claims import StoredClaims

KINDS = ("quotes", "figures", "dates")


def _span(text: str, sentence: str, start: int | None) -> tuple[int, int] | None:
    """Where the sentence stands in the text: the last place it starts at or before the claim,
    else the first place at all."""
    at = text.rfind(sentence, 0, start + len(sentence)) if start is not None else -1
    if at < 0:
        at = text.find(sentence)
    return (at, at + len(sentence)) if at >= 0 else None


def _words_at_span(text: str, claim: dict) -> bool:
    start, end = claim.get("start"), claim.get("end")
    return start is not None and end is not None and text[start:end] == claim.get("text")


def compact(claims: dict, text: str) -> tuple[dict, dict]:
    """(the claims without the sentences found in the text, nor the words that are the text at
    their span; kind -> the sentences' spans)."""
    out, spans = dict(claims), {}
    for kind in KINDS:
        items, found = [], []
        for claim in claims.get(kind) or []:
            sentence = claim.get("sentence")
            span = _span(text, sentence, claim.get("start")) if sentence else None
            found.append(list(span) if span else None)
            item = {**claim, "sentence": None} if span else dict(claim)
            if _words_at_span(text, claim):
                item["text"] = None
            items.append(item)
        out[kind] = items
        if any(found):
            spans[kind] = found
    return out, spans


def _put_back(claim: dict, span: list[int] | None, text: str) -> dict:
    out = dict(claim)
    if span:
        out["sentence"] = text[span[0]:span[1]]
    if out.get("text") is None and out.get("start") is not None and out.get("end") is not None:
        out["text"] = text[out["start"]:out["end"]]
    return out


def expand(payload: dict, text: str | None) -> dict:
    """The claims of a claims.extracted payload (any version, upcast) with every field, sentence
    and text in place, given the text of the revision they were extracted from (None: that text is
    not at hand, and what is stored as spans stays out)."""
    claims, spans = payload["claims"], payload.get("sentences") or {}
    out = dict(claims)
    if text is not None:
        for kind in KINDS:
            kind_spans = spans.get(kind) or []
            out[kind] = [_put_back(claim, kind_spans[i] if i < len(kind_spans) else None, text)
                         for i, claim in enumerate(claims.get(kind) or [])]
    return StoredClaims.model_validate(out).model_dump(mode="json")


def sentence_columns(text_id: int, text: str) -> Callable[[dict], tuple]:
    """A claim's sentence as its table row stores it: (text_id, sentence_start, sentence_end,
    sentence_text), the span of the text in `texts` where the sentence is found there (every
    copy of a wire story shares that text, so the sentence is stored once), else the sentence
    itself. Read back by SQL as `coalesce(sentence_text, substr(text, sentence_start + 1,
    sentence_end - sentence_start))` (schema/views.sql: quote_sentences and its neighbours)."""
    def columns(claim: dict) -> tuple:
        sentence = claim.get("sentence")
        if not sentence:
            return text_id, None, None, None
        span = _span(text, sentence, claim.get("start"))
        return (text_id, span[0], span[1], None) if span else (text_id, None, None, sentence)
    return columns


def sentence_sql(alias: str) -> str:
    """SQL for the sentence of a claim row named `alias` (a quotes, figures or dates row)."""
    return (f"coalesce({alias}.sentence_text, (SELECT substr(t.text, {alias}.sentence_start + 1, "
            f"{alias}.sentence_end - {alias}.sentence_start) FROM texts t WHERE t.id = {alias}.text_id))")
