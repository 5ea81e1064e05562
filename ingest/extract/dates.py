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
from . import wordlists as wl
from .date_expressions import Expression, find_expressions
from .date_filter import is_date
from .date_resolve import Context, Resolved, resolve
from .tense import tense_at

VERSION = "15"


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
    for e, span in candidates:
        tense, speech = tense_at(span)
        ctx = Context(anchor=article.published, tense=tense,
                      frame_year=frames.year_for(e, span, tense),
                      reference=frames.reference_for(e, span),
                      lean=lead_lean(span) or scheduled_lean(e, span, tense, speech))
        try:
            apposed = _apposed_day(e, claims, text)
            r = apposed or resolve(e, ctx)
        except (ValueError, OverflowError):  # a day the calendar has not got (year 0, 10000)
            continue
        if r is None:
            continue
        frames.record(e, span, r)
        claims.append(DateClaim(text=e.text, value=r.value, precision=r.precision, start=e.start,
                                end=e.end, sentence=span.sent.text.strip(),
                                rule="apposed_day" if apposed else e.rule))
    return claims


_APPOSITION = re.compile(r",\s*(?:an?\s+|the\s+)?")


def _apposed_day(e: Expression, claims: list[DateClaim], text: str) -> Resolved | None:
    """`on Dec. 18, a Wednesday`: a weekday set after a full date names that date, whatever
    the tense says, when the date falls on it."""
    if e.kind != "weekday" or e.shift is not None or not claims:
        return None
    last = claims[-1]
    if last.precision != "day" or not _APPOSITION.fullmatch(text, last.end, e.start):
        return None
    day = date.fromisoformat(last.value)
    return Resolved(last.value, "day") if day.weekday() == e.weekday else None


LEAD_LEANS = wl.table("numbers/lead_leans")


# `a strike has been called for Monday`: what is set for a day lies ahead
SCHEDULE_VERBS = wl.words("numbers/schedule_verbs")


def lead_lean(span) -> str | None:
    """Direction the words just before an expression give it: `since May` looks back,
    `payable Dec. 7` / `until Friday` may look either way, `scheduled for Monday` looks ahead."""
    i = span.start - 1
    if i >= 0 and span.doc[i].lower_ in ("on", "the"):
        i -= 1
    if i < 0:
        return None
    word = span.doc[i]
    if word.lower_ == "for" and word.head.lemma_.lower() in SCHEDULE_VERBS:
        return "future"
    return LEAD_LEANS.get(word.lower_)


# verbs whose present and past look alike: `shares hit a record Monday` may be either tense
SAME_PAST_FORM = wl.words("numbers/same_past_form")


def scheduled_lean(e: Expression, span, tense: str, speech: bool) -> str | None:
    """A weekday on a present-tense verb other than a speech verb is a schedule (`voters head
    to the polls on Sunday`, `the ministers meet Monday`): the one ahead. Where the verb could
    as well be past (`shares hit a record Friday`), the nearer one. A weekday that only
    modifies a noun (`Thursday's closing price`, `the March high`) keeps the default. A month
    on such a verb, and a weekday that is the subject of one (`Saturday is the deadline`), is
    the nearer one."""
    if tense != "present" or speech:
        return None
    month_name = e.kind == "calendar" and e.year is None and e.month is not None
    if e.kind != "weekday" and not month_name:
        return None
    root = span.root
    verb = None
    if root.dep_ in ("npadvmod", "tmod") and root.head.pos_ in ("VERB", "AUX"):
        verb = root.head
    elif root.dep_ == "pobj" and root.head.dep_ == "prep" and root.head.head.pos_ in ("VERB", "AUX"):
        verb = root.head.head
    elif root.dep_ == "nsubj" and root.head.pos_ in ("VERB", "AUX"):
        return "nearest"  # `Saturday marks the anniversary`: the day at hand, either side
    if verb is None:
        return None
    if month_name:
        # `the law takes effect in January` lies ahead, `unemployment stands at 5% in October`
        # behind: the nearer month
        return "nearest"
    return "nearest" if verb.lower_ in SAME_PAST_FORM else "future"
