"""Dates: the days, months and years an article speaks of, resolved to ISO values.

Four steps, each in its own module: find the expressions in the text (`date_expressions`),
keep those the parse agrees are dates (`date_filter`), read the tense of their clause
(`tense`), and resolve each against the publication date or the frame the text sets
(`date_frame`, `date_resolve`). The dateline itself is added by the caller.
"""

from __future__ import annotations

import re
from datetime import date

from newsfacts.schema.article import Article
from newsfacts.schema.claims import DateClaim

from . import date_frame
from .date_anchors import event_day
from .date_expressions import Expression, find_expressions
from .date_filter import is_date
from .date_leans import lean_of
from .date_report import Dated, after_report, link
from .date_resolve import Context, Resolved, resolve
from .tense import tense_at

VERSION = "17"


def find_dates(doc, article: Article) -> list[DateClaim]:
    """Date claims in the article body, in text order (the dateline is not among them)."""
    text = article.text
    candidates = []
    for e in find_expressions(text):
        span = doc.char_span(e.start, e.end, alignment_mode="expand")
        if span is None or not is_date(e, span):
            continue
        candidates.append((e, span))
    frames = date_frame.Frames(candidates, article.published, text)
    claims: list[DateClaim] = []
    dated: list[Dated] = []
    for e, span in candidates:
        tense, speech = tense_at(span)
        event = event_day(e, claims)
        lean = lean_of(e, span, tense, speech)
        ctx = Context(anchor=article.published, tense=tense,
                      event=Resolved(event.value, "day") if event is not None else None,
                      frame_year=frames.year_for(e, span, tense),
                      reference=frames.reference_for(e, span), lean=lean,
                      written_day=frames.written_day_here(e, span))
        try:
            apposed = _apposed_day(e, claims, text)
            r = apposed or resolve(e, ctx)
        except (ValueError, OverflowError):  # a day the calendar has not got (year 0, 10000)
            continue
        if r is None:
            continue
        frames.record(e, span, r)
        dated.append(Dated(expression=e, span=span, tense=tense, lean=lean, value=None if apposed else r))
        claims.append(DateClaim(text=e.text, value=r.value, precision=r.precision, start=e.start,
                                end=e.end, sentence=span.sent.text.strip(),
                                rule="apposed_day" if apposed else e.rule))
    return _placed_after_reports(claims, dated)


def _placed_after_reports(claims: list[DateClaim], dated: list[Dated]) -> list[DateClaim]:
    """`said Monday they would meet Saturday`: a plan's day placed from its report's (date_report)."""
    out = list(claims)
    for i, j in link(dated).items():
        placed = after_report(dated[i], dated[j])
        if placed is not None:
            rule, r = placed
            out[i] = claims[i].model_copy(update={"value": r.value, "precision": r.precision, "rule": rule})
    return out


_APPOSITION = re.compile(r",\s*(?:an?\s+|the\s+)?")


def _apposed_day(e: Expression, claims: list[DateClaim], text: str) -> Resolved | None:
    """`on Dec. 18, a Wednesday`: a weekday set after a full date names that date, whatever
    the tense says, when the date falls on it; so does a step from an event set after one
    (`Oct. 12, the day before the crash`)."""
    if e.kind not in ("weekday", "event_offset") or e.shift is not None or not claims:
        return None
    last = claims[-1]
    if last.precision != "day" or not _APPOSITION.fullmatch(text, last.end, e.start):
        return None
    if e.kind == "event_offset":
        return Resolved(last.value, "day")  # `Oct. 12, the day before the crash`: that day
    day = date.fromisoformat(last.value)
    return Resolved(last.value, "day") if day.weekday() == e.weekday else None
