"""Which found expressions the parse agrees are dates.

The expression grammar is generous on purpose; this is where spaCy's tags, entities and
dependencies veto what is not a date: a year that is a count or part of a name, `May` the
modal, `April` the person, `Sunday` in a newspaper's name, `Good Friday`, `every Monday`,
`today's world`, `VOA Today`.
"""

from __future__ import annotations

from . import wordlists as wl
from .date_expressions import MONTHS, WEEKDAYS, Expression

NOT_DATE_ENTS = {"PERSON", "ORG", "WORK_OF_ART", "FAC", "PRODUCT", "EVENT", "LAW", "NORP", "GPE",
                 "LOC"}
COUNT_ENTS = {"CARDINAL", "MONEY", "QUANTITY", "PERCENT", "ORDINAL"}
# words before a bare month or year that make it a date whatever the entity tagger thought
DATE_LEADS = wl.words("numbers/date_leads")
COUNT_FOLLOWERS = wl.words("numbers/count_followers")
CLOCK_FOLLOWERS = wl.words("numbers/clock_followers")
# words that make the number after them a code, not a year
CODE_LEADS = wl.words("numbers/code_leads") | {"$", "#"}
HOLIDAY_WORDS = wl.words("numbers/holiday_words")
# nouns that make `today's` the present age, not the day: `today's world`
GENERIC_NOW = wl.words("numbers/generic_now")


def _around(span):
    first, last = span[0], span[-1]
    prev = span.doc[first.i - 1] if first.i > 0 else None
    nxt = span.doc[last.i + 1] if last.i + 1 < len(span.doc) else None
    return first, prev, nxt, (prev.lower_ if prev is not None else "")


def _bare_year(e: Expression, span) -> bool:
    """A bare year is a date unless it is a count, an amount or a code (`1500 workers`,
    `1800 GMT`, `1600 Pennsylvania Avenue`, `Flight 1549`, `Windows 2000`, `two thousand years`)."""
    first, prev, nxt, lead = _around(span)
    ents = {t.ent_type_ for t in span if t.ent_type_}
    if ents & COUNT_ENTS and "DATE" not in ents and lead not in DATE_LEADS:
        return False
    if nxt is not None and (nxt.lower_ in COUNT_FOLLOWERS or nxt.lower_ in CLOCK_FOLLOWERS):
        return False
    if first.dep_ == "nummod" and first.head.ent_type_ in ("FAC", "GPE", "LOC", "PRODUCT"):
        return False
    if prev is not None and prev.lower_ in CODE_LEADS and not prev.text.islower():
        return False
    if prev is not None and prev.tag_ == "NNP" and prev.lower_ not in MONTHS and (
            first.ent_type_ in NOT_DATE_ENTS and first.ent_iob_ == "I"):
        return False  # a number in a name: `Orion 1980`
    if not first.ent_type_ and lead not in DATE_LEADS and first.head.tag_ == "NNP" and (
            first.head.lower_ not in MONTHS):
        return False  # `a venture called Orion 1980`
    return not (not any(c.isdigit() for c in e.text) and nxt is not None and nxt.tag_ == "NNS")


def _bare_month(e: Expression, span) -> bool:
    """A bare month name is a date unless it is `May` the modal, `April` the name, `March` the
    walk, or the Fourth of July (a holiday, optional at most)."""
    tok, prev, nxt, lead = _around(span)
    if tok.tag_ == "MD" or tok.ent_type_ in NOT_DATE_ENTS:
        return False
    if lead == "of" and tok.i >= 2 and tok.doc[tok.i - 2].lower_ == "fourth" and tok.text == "July":
        return False
    if lead in DATE_LEADS:
        return True
    if _possessed_name(span):
        return False  # `the Women's March`: a name
    # without a preposition only the tagger's word counts, and `May` must be a proper noun
    return tok.ent_type_ == "DATE" and (tok.text != "May" or tok.tag_ == "NNP")


def _named_or_habitual(e: Expression, span) -> bool:
    """Other expressions that name no date: `Fox News Sunday`, `VOA Today`, `today's world`,
    `Good Friday`, `every Monday`, `the last year of his term`, `the first Monday in September`,
    `on a random Tuesday`, `The Sunday Times`."""
    first, prev, nxt, lead = _around(span)
    weekday = e.kind == "weekday"
    return ((weekday and _ends_a_quoted_name(span))
            or (e.kind in ("deictic", "unit") and _looks_like_title(span))
            or (e.kind == "deictic" and _vague_now(span))
            or (weekday and prev is not None and prev.lower_ in HOLIDAY_WORDS and prev.text[:1].isupper())
            or (e.kind in ("weekday", "calendar") and lead in ("every", "each"))
            or (e.kind == "unit" and e.offset and lead == "the" and _a_stretch_of_time(span))
            or (weekday and lead in ("first", "second", "third", "fourth", "fifth"))
            or (weekday and e.shift is None and _any_such_day(span))
            or (e.kind in ("weekday", "deictic") and any(t.ent_type_ in NOT_DATE_ENTS for t in span)))


def is_date(e: Expression, span) -> bool:
    """Whether the parse agrees that a found expression is a date."""
    if e.evident:
        return True
    if e.kind == "calendar" and e.month is None and not e.modified and e.year is not None:
        return _bare_year(e, span)
    if e.kind == "calendar" and e.day is None and e.year is None and not e.modified:
        return _bare_month(e, span)
    return not _named_or_habitual(e, span)


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


def _ends_a_quoted_name(span) -> bool:
    """A weekday closing a quoted run of capitalised words: a programme's name."""
    doc = span.doc
    prev = doc[span.start - 1] if span.start > 0 else None
    nxt = doc[span.end] if span.end < len(doc) else None
    if nxt is not None and nxt.text == "," and span.end + 1 < len(doc):
        nxt = doc[span.end + 1]
    return (prev is not None and prev.tag_ == "NNP" and nxt is not None
            and nxt.text in ("\u201d", '"', "''"))


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


def _possessed_name(span) -> bool:
    """A month name owned by a possessive and modifying nothing (`another Women's March.`) is a
    name; `the company's March sales` keeps its date."""
    tok = span[0]
    doc = span.doc
    prev = doc[tok.i - 1] if tok.i > 0 else None
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    return (prev is not None and prev.tag_ == "POS"
            and not (nxt is not None and nxt.pos_ in ("NOUN", "PROPN", "NUM")))


def _any_such_day(span) -> bool:
    """`a Tuesday`, `on any given Sunday`: an indefinite weekday names no day. After a full
    date (`Dec. 18, a Wednesday`) it is an apposition and names that date."""
    doc = span.doc
    i = span.start - 1
    while i >= 0 and doc[i].pos_ in ("ADJ", "VERB") and doc[i].tag_ in ("JJ", "VBN"):
        i -= 1  # `a random`, `any given`
    if i < 0 or doc[i].lower_ not in ("a", "an", "any"):
        return False
    before = doc[i - 1] if i >= 1 else None
    return not (before is not None and before.text == "," and i >= 2 and doc[i - 2].like_num)


def _a_stretch_of_time(span) -> bool:
    """`the last year of his presidency`: with `the` before it, a last/next unit that a part
    is taken of is a length of time (`over the next year` is left alone: TimeML dates it)."""
    doc = span.doc
    return span.end < len(doc) and doc[span.end].lower_ == "of"
