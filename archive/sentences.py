"""Each sentence stored once in the log: a claim's sentence as a span of its revision's text.

The extractor gives every quote, figure and date the sentence it stands in; an article of fifteen
quotes and a dozen figures and dates repeated its text again, sentence by sentence, in every
`claims.extracted` event (a third of the event's bytes). The text is already in the log (the
`article.revised` event of the same revision), so a sentence found there is stored as its offsets
(`sentences` in the payload, version 2) and its words are left out of the claim; `expand()` puts
them back, exactly as extracted. A sentence not found as written stays inline.
"""

from __future__ import annotations

KINDS = ("quotes", "figures", "dates")


def _span(text: str, sentence: str, start: int | None) -> tuple[int, int] | None:
    """Where the sentence stands in the text: the last place it starts at or before the claim,
    else the first place at all."""
    at = text.rfind(sentence, 0, start + len(sentence)) if start is not None else -1
    if at < 0:
        at = text.find(sentence)
    return (at, at + len(sentence)) if at >= 0 else None


def compact(claims: dict, text: str) -> tuple[dict, dict]:
    """(the claims without the sentences found in the text, kind -> their spans)."""
    out, spans = dict(claims), {}
    for kind in KINDS:
        items, found = [], []
        for claim in claims.get(kind) or []:
            sentence = claim.get("sentence")
            span = _span(text, sentence, claim.get("start")) if sentence else None
            found.append(list(span) if span else None)
            items.append({**claim, "sentence": None} if span else claim)
        out[kind] = items
        if any(found):
            spans[kind] = found
    return out, spans


def expand(payload: dict, text: str | None) -> dict:
    """The claims of a claims.extracted payload (any version, upcast) with every sentence in place,
    given the text of the revision they were extracted from (None: that text is not at hand, and
    the sentences stored as spans stay out)."""
    claims, spans = payload["claims"], payload.get("sentences") or {}
    if not spans or text is None:
        return claims
    out = dict(claims)
    for kind, kind_spans in spans.items():
        out[kind] = [{**claim, "sentence": text[span[0]:span[1]]} if span else claim
                     for claim, span in zip(claims.get(kind) or [], kind_spans)]
    return out
