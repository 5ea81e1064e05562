"""Dates: the days, months and years an article speaks of, resolved to ISO values.

Three steps, each in its own module: find the expressions in the text (`date_expressions`),
keep those the parse says are dates (a year that is a count, `May` the modal verb, `Sunday`
in a newspaper's name are not), and resolve each against the publication date, or the frame
the text sets, with the tense of its clause (`tense`, `date_resolve`).
The dateline itself is added by the caller.
"""

from __future__ import annotations

from newsfacts.schema.article import Article
from newsfacts.schema.claims import DateClaim

from . import date_frame
from .date_expressions import MONTHS, WEEKDAYS, Expression, find_expressions
from .date_resolve import Context, resolve
from .tense import tense_at

VERSION = "3"

NOT_DATE_ENTS = {"PERSON", "ORG", "WORK_OF_ART", "FAC", "PRODUCT", "EVENT", "LAW", "NORP", "GPE",
                 "LOC"}
COUNT_ENTS = {"CARDINAL", "MONEY", "QUANTITY", "PERCENT", "ORDINAL"}
# words before a bare month or year that make it a date whatever the entity tagger thought
DATE_LEADS = {"in", "since", "by", "until", "till", "from", "through", "during", "of", "to",
              "before", "after", "between", "and", "or", "early", "late", "mid", "last", "next",
              "this", "for", "on", "as", "around", "circa", "throughout", "end", "fiscal", "-",
              "both", "either"}
COUNT_FOLLOWERS = {"percent", "per", "pct", "people", "times", "units", "shares", "members",
                   "votes", "troops", "workers", "jobs", "cars", "homes", "acres", "miles",
                   "meters", "metres", "feet", "tons", "tonnes", "barrels", "points"}


def find_dates(doc, article: Article) -> list[DateClaim]:
    """Date claims in the article body, in text order (the dateline is not among them)."""
    text = article.text
    candidates = []
    for e in find_expressions(text):
        span = doc.char_span(e.start, e.end, alignment_mode="expand")
        if span is None or not is_date(e, span):
            continue
        candidates.append((e, span))
    frames = date_frame.Frames(candidates, article.published)
    claims: list[DateClaim] = []
    for e, span in candidates:
        tense, speech = tense_at(span)
        ctx = Context(anchor=article.published, tense=tense, speech=speech,
                      frame_year=frames.year_for(e, span, tense),
                      reference=frames.reference_for(e, span),
                      lean=lead_lean(span) or scheduled_lean(e, span, tense, speech))
        r = resolve(e, ctx)
        if r is None:
            continue
        frames.record(e, span, r)
        claims.append(DateClaim(text=e.text, value=r.value, precision=r.precision, start=e.start,
                                end=e.end, sentence=span.sent.text.strip()))
    return claims


LEAD_LEANS = {"since": "past", "effective": "nearest", "payable": "nearest", "due": "nearest",
              "starting": "nearest", "beginning": "nearest", "through": "nearest",
              "until": "nearest", "till": "nearest"}
HOLIDAY_WORDS = {"good", "black", "cyber", "super", "ash", "maundy", "easter", "palm", "bloody",
                 "holy", "giving", "shrove", "whit", "trinity", "low"}
# nouns that make `today's` the present age, not the day: `today's world`
GENERIC_NOW = {"world", "society", "age", "era", "generation", "economy", "market", "climate",
               "youth", "culture", "politics", "standards", "environment", "times", "life"}


def lead_lean(span) -> str | None:
    """Direction the words just before an expression give it: `since May` looks back,
    `payable Dec. 7` / `until Friday` may look either way."""
    i = span.start - 1
    if i >= 0 and span.doc[i].lower_ in ("on", "the"):
        i -= 1
    return LEAD_LEANS.get(span.doc[i].lower_) if i >= 0 else None


def scheduled_lean(e: Expression, span, tense: str, speech: bool) -> str | None:
    """A weekday on a present-tense verb other than a speech verb is usually a schedule
    (`the ministers meet Monday`): take the nearer of the two, not the one before. A weekday
    that only modifies a noun (`Thursday's closing price`) keeps the default."""
    if e.kind != "weekday" or tense != "present" or speech:
        return None
    root = span.root
    on_verb = root.dep_ in ("npadvmod", "tmod") and root.head.pos_ in ("VERB", "AUX")
    on_verb |= (root.dep_ == "pobj" and root.head.dep_ == "prep"
                and root.head.head.pos_ in ("VERB", "AUX"))
    return "nearest" if on_verb else None


def is_date(e: Expression, span) -> bool:
    """Whether the parse agrees that a found expression is a date."""
    first, last = span[0], span[-1]
    ents = {t.ent_type_ for t in span if t.ent_type_}
    prev = span.doc[first.i - 1] if first.i > 0 else None
    nxt = span.doc[last.i + 1] if last.i + 1 < len(span.doc) else None
    lead = prev.lower_ if prev is not None else ""
    if e.kind == "calendar" and e.month is None and not e.modified and e.year is not None:
        # a bare year: not a count, an amount or a code
        if ents & COUNT_ENTS and "DATE" not in ents and lead not in DATE_LEADS:
            return False
        if nxt is not None and nxt.lower_ in COUNT_FOLLOWERS:
            return False
        if first.dep_ == "nummod" and first.head.ent_type_ in ("FAC", "GPE", "LOC", "PRODUCT"):
            return False  # `1600 Pennsylvania Avenue`
        if prev is not None and prev.text in ("$", "#", "No", "No.", "Flight", "Room", "Route"):
            return False
        if prev is not None and prev.tag_ == "NNP" and prev.lower_ not in MONTHS and (
                first.ent_type_ in NOT_DATE_ENTS and first.ent_iob_ == "I"):
            return False  # a number in a name: `Orion 1980`, `Windows 2000`
        if not first.ent_type_ and lead not in DATE_LEADS and first.head.tag_ == "NNP" and (
                first.head.lower_ not in MONTHS):
            return False  # `a venture called Orion 1980`
        if not any(c.isdigit() for c in e.text) and nxt is not None and nxt.tag_ == "NNS":
            return False  # `two thousand years`
        return True
    if e.kind == "calendar" and e.day is None and e.year is None and not e.modified:
        # a bare month name: `May` the modal, `April` the name, `March` the walk
        tok = first
        if tok.tag_ == "MD" or tok.lower_ != tok.text.lower() or tok.ent_type_ in NOT_DATE_ENTS:
            return False
        if tok.ent_type_ == "DATE" or lead in DATE_LEADS:
            return tok.text != "May" or lead in DATE_LEADS or tok.ent_type_ == "DATE" and tok.tag_ == "NNP"
        return False
    if e.kind in ("deictic", "unit") and _looks_like_title(span):
        return False  # `VOA Today`, ABC's "This Week"
    if e.kind == "deictic" and _vague_now(span):
        return False
    if e.kind == "weekday" and prev is not None and prev.lower_ in HOLIDAY_WORDS and prev.text[:1].isupper():
        return False  # `Good Friday`, `Super Tuesday`: named days, not the latest such weekday
    if e.kind in ("weekday", "calendar") and lead in ("every", "each"):
        return False  # `every Monday`, `each July`: a habit, not a date
    if e.kind in ("weekday", "deictic"):
        word = [t for t in span if t.lower_ in ("today", "yesterday", "tomorrow") or t.text.istitle()]
        if any(t.ent_type_ in NOT_DATE_ENTS for t in span):
            return False
        return bool(word)
    return True


def _vague_now(span) -> bool:
    """`today's world`, `the people of tomorrow`: the present or future age, not a day."""
    tok = span[-1]
    nxt = span.doc[tok.i + 1] if tok.i + 1 < len(span.doc) else None
    if nxt is not None and nxt.tag_ == "POS":
        head = tok.head
        return head.lower_ in GENERIC_NOW
    prev = span.doc[span.start - 1] if span.start > 0 else None
    return prev is not None and prev.lower_ == "of" and tok.lower_ != "yesterday" and (
        prev.head.pos_ == "NOUN")


def _looks_like_title(span) -> bool:
    """Capitals where a date would have none: a programme or publication name."""
    words = [t for t in span if t.is_alpha and t.lower_ not in MONTHS and t.lower_ not in WEEKDAYS]
    if any(t.text[0].isupper() for t in words[1:]):
        return True  # `This Week`
    first = words[0] if words else None
    if first is None or not first.text[0].isupper() or first.is_sent_start:
        return False
    prev = span.doc[first.i - 1] if first.i > 0 else None
    return prev is not None and prev.tag_ == "NNP" and not prev.is_sent_start  # `VOA Today`
