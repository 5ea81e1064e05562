"""Where things are in an article for the quote rules: paragraphs, which tokens lie inside
quotation marks, and a quote or indirect quote found but not yet given its source."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from .quote_marks import QuoteSpan


@dataclass
class Found:
    """A quote or indirect quote before its source is resolved."""

    start: int
    end: int
    kind: str
    cue: object = None  # the cue token
    source: object = None  # the source's head token
    span: QuoteSpan | None = None
    para: int = 0
    sentence: str | None = None
    intent: bool = False  # `vowed to ...`: what a source wants, not what it said
    clause: bool = True  # False: no content clause (`vowed to ...`), found for context, given as no claim
    label: str | None = None  # a transcript turn's speaker label (`WALLACE`)
    rule: str = "none"  # the rule that found it: what a wrong quote blames


class Layout:
    """Paragraphs and which tokens lie inside quotation marks."""

    def __init__(self, doc, text: str, spans: list[QuoteSpan]):
        self.doc = doc
        self.text = text  # doc.text rebuilds the string on every access
        self.starts = []  # where each non-empty line (paragraph) starts
        pos = 0
        for line in text.split("\n"):
            if line.strip():
                self.starts.append(pos)
            pos += len(line) + 1
        self.starts = self.starts or [0]
        self.quote_of = [-1] * len(doc)
        k = 0
        for tok in doc:
            while k < len(spans) and spans[k].close <= tok.idx:
                k += 1
            if k < len(spans) and spans[k].open <= tok.idx < spans[k].close:
                self.quote_of[tok.i] = k

    def para(self, char: int) -> int:
        return max(0, bisect_right(self.starts, char) - 1)

    def inside(self, tok) -> bool:
        return self.quote_of[tok.i] >= 0


def tokens_between(doc, start: int, end: int):
    span = doc.char_span(start, end, alignment_mode="expand")
    return list(span) if span is not None else []


BULLET = re.compile(r"[-•*–—·▪]\s+|\d{1,2}[.)]\s+")


def blank(lead: str) -> bool:
    """Nothing, or only a bullet, before a quote opening its paragraph (`• “...`)."""
    lead = lead.strip()
    return lead == "" or BULLET.fullmatch(lead + " ") is not None


def sent_start(doc, char: int) -> int:
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span[0].sent.start_char if span is not None and len(span) else -1


def quote_kind(doc, lay: Layout, q: QuoteSpan) -> str:
    """Direct when the quote is a sentence or clause of its own, partial when it sits inside the
    reporter's sentence."""
    toks = tokens_between(doc, q.open, q.close)
    if not toks:
        return "partial"
    sent = toks[0].sent
    before = lay.text[sent.start_char:q.open].strip()
    words = q.end - q.start
    if (before == "" or before.endswith(":")) and (words > 25 or not q.closed):
        return "direct"
    if before.endswith((":",)) or (before == "" and any(t.pos_ in ("VERB", "AUX") for t in toks)):
        return "direct"
    text = lay.text[q.start:q.end]
    if text[:1].isupper() and text.rstrip()[-1:] in ".,!?" and any(t.pos_ in ("VERB", "AUX") for t in toks):
        return "direct"
    return "partial"
