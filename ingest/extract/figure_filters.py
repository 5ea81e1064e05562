"""What looks like a number but is no figure: years and dates, times of day, numbers inside
names and labels (`COVID-19`, `Article 50`, `iPhone 11`), street and zip codes, phone numbers,
list markers and match scores."""

from __future__ import annotations

import re

from . import units as un
from . import wordlists as wl
from .figure_cores import Core, low_at
from .figure_names import entity_at, is_month

WEEKDAYS = wl.words("numbers/weekdays")
TIME_MARKERS = wl.words("numbers/time_markers")
"""Words after a number that make it a time of day (`9 a.m.`); `hours` only after `0900`."""

YEAR_NOUNS = wl.words("numbers/year_nouns")
"""Plural nouns a year commonly modifies (`2018 sales`), so the number before them is no count."""

_PHONE = re.compile(
    r"(?<![\w.,])(?:\+\d{1,3}[ .-]?\(?\d{1,5}\)?(?:[ .-]?\d{2,4}){2,4}"  # +44 20 7946 0958
    r"|\(\d{2,5}\)[ .-]?\d{3,4}[ .-]?\d{3,4}"                     # (212) 555-0134
    r"|\d{3}[.-]\d{3}[.-]\d{4}|\d{3}-\d{4})(?![\w-])")           # 212-555-0134, 555-0134


# ---------------------------------------------------------------------------- not figures

def is_year(doc, core: Core) -> bool:
    """A four-digit number read as a calendar year (`in 2018`, `2018-19`, `the 2010 final`)."""
    tok = doc[core.start]
    if core.kind != "digits" or core.end - core.start != 1 or core.percent or core.scaled or core.unit:
        return False
    if not re.fullmatch(r"\d{4}", tok.text) or not 1000 <= core.value <= 2100:
        return False
    prev = doc[core.start - 1] if core.start else None
    if prev is not None and prev.lower_ == "than" and low_at(doc, core.start - 2) == "rather":
        return True  # in 2020 rather than 2018
    if _year_after_preposition(doc, core.start):
        return True  # until at least 2030
    if prev is not None and (un.currency_symbol(prev.text) or prev.lower_ in ("about", "around",
                                                                              "nearly", "some", "than", "least", "almost", "roughly", "approximately")):
        return False
    nxt = doc[core.end] if core.end < len(doc) else None
    if nxt is not None and nxt.tag_ == "NNS" and tok.ent_type_ != "DATE" and nxt.lower_ not in YEAR_NOUNS \
            and not (prev is not None and prev.tag_ == "POS"):
        return False  # 2000 people, but 2018 sales
    if nxt is not None and (un.measure_word(nxt.text) or nxt.lower_ in un.PERCENT_WORDS):
        return False  # 1000 hp
    if prev is not None and prev.lower_ in ("a.d.", "ad", "b.c.", "bc", "bce", "ce"):
        return True
    if core.value < 1800 and tok.ent_type_ != "DATE" and (prev is None or prev.lower_ not in ("in", "since", "from", "until", "by", "year", "circa", "c.", "between")):
        return False  # an average of 1500
    return True


YEAR_PREPOSITIONS = wl.words("numbers/year_prepositions")
TIME_HEDGES = wl.words("numbers/time_hedges")


def _year_after_preposition(doc, i: int) -> bool:
    """`until at least 2030`, `since about 1990`, `before as early as 2027`: a hedge between a
    preposition of time and a four-digit number leaves it a year (`about 2000 jobs` is a count)."""
    k = i - 1
    while k >= 0 and i - k <= 4 and doc[k].lower_ in TIME_HEDGES:
        k -= 1
    return k < i - 1 and k >= 0 and doc[k].lower_ in YEAR_PREPOSITIONS


def in_date(doc, core: Core) -> bool:
    """Day of month or a number inside a date entity that names a month, weekday or year."""
    if core.kind != "digits" or core.percent or core.currency:
        return False
    i, tok = core.start, doc[core.start]
    if core.value > 31 or core.value != int(core.value):
        day = False
    else:
        day = (i > 0 and is_month(doc[i - 1])) or \
              (i + 1 < len(doc) and is_month(doc[i + 1])) or \
              (i + 2 < len(doc) and doc[i + 1].lower_ == "of" and is_month(doc[i + 2]))
        if i > 1 and doc[i - 1].text == "." and is_month(doc[i - 2]):
            day = True
    if day:
        return True
    if tok.ent_type_ == "DATE" and core.value <= 31:
        ent = entity_at(doc, i)
        if ent is not None and any(is_month(t) or t.lower_ in WEEKDAYS for t in ent):
            return True
    return False


def is_time(doc, core: Core) -> bool:
    if core.kind not in ("digits", "words") or core.percent:
        return False
    nxt = low_at(doc, core.end)
    if nxt in TIME_MARKERS - {"hours", "hrs"}:
        return True
    if nxt in ("hours", "hrs") and re.fullmatch(r"[012]\d{3}", doc[core.start].text):
        return True
    if re.fullmatch(r"\d{1,2}\.\d{2}", doc[core.start].text) and nxt in ("a.m.", "p.m.", "am", "pm"):
        return True
    if nxt == ":" and re.fullmatch(r"\d{1,2}", doc[core.start].text) \
            and re.fullmatch(r"\d{2}", low_at(doc, core.end + 1)) and low_at(doc, core.end + 2) in TIME_MARKERS:
        return True  # `11: 06 a.m.`: a clock time split by a stray space
    return False


_NUMERIC_DATE = re.compile(
    r"(?<![\w.,/-])(?:\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[/.]\d{1,2}[/.](?:\d{4}|\d{2}))(?![\w/-])")
"""Dates in digits: 2021-12-13, 12/13/2021, 13.12.21."""


def _alone_on_its_line(doc, i: int, j: int) -> bool:
    """`6` as a paragraph of its own: the number of the list item that follows."""
    before = i == 0 or "\n" in doc[i - 1].text or "\n" in doc[i - 1].whitespace_
    after = j >= len(doc) or "\n" in doc[j].text or "\n" in doc[j - 1].whitespace_
    return before and after


def _bracketed_reference(doc, i: int, j: int) -> bool:
    """`a lead of 3 to 7 points. [12]`: a number alone in square brackets cites a source or a note."""
    return 0 < i and j < len(doc) and doc[i - 1].text == "[" and doc[j].text == "]"


def _verse_reference(doc, i: int, j: int) -> bool:
    """`Romans 8:3-9`: the end of a range of verses or sections after `chapter:verse`."""
    return i > 1 and doc[i - 1].text in ("-", "\u2013") and re.fullmatch(r"\d+:\d+", doc[i - 2].text) is not None


def is_label(doc, core: Core) -> bool:
    """A bare number that numbers an item: `1.` opening a line of a list, `6` as a line of its
    own, `(4.)` after a name in a ranking, `[12]` citing a source, `8:3-9` ending a range of
    verses. Counts carry a noun or sit inside a sentence, not before its full stop."""
    if core.kind != "digits" or core.currency or core.percent or core.scaled or core.value != int(core.value):
        return False
    i, j = core.start, core.end
    if core.unit is None and (_alone_on_its_line(doc, i, j) or _bracketed_reference(doc, i, j)
                              or _verse_reference(doc, i, j)):
        return True
    after = low_at(doc, j)
    if after != ".":
        return False
    if low_at(doc, j + 1) == ")":
        return True  # Ted Cruz (4.)
    line_start = i == 0 or "\n" in doc[i - 1].text or "\n" in doc[i - 1].whitespace_
    return line_start and j + 1 < len(doc) and doc[j + 1].is_alpha and doc[j + 1].text[:1].isupper()


def phone_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of phone numbers and dates written in digits: no figure starts inside."""
    return [m.span() for m in _PHONE.finditer(text)] + [m.span() for m in _NUMERIC_DATE.finditer(text)]


SCORE_CUES = wl.words("numbers/score_cues")


def is_score(doc, a: Core, b: Core, gap: list[str]) -> bool:
    """`ended 2-2`, `a 3-1 win`, `Liverpool 2-1 Chelsea`: a match score, not a range."""
    if gap not in (["-"], ["–"]) or a.kind != "digits" or b.kind != "digits":
        return False
    if a.percent or a.currency or b.percent or b.currency:
        return False
    if (a.unit or b.unit) and un.measure_word(a.unit or b.unit or ""):
        return False
    if a.value != int(a.value) or b.value != int(b.value) or max(a.value, b.value) > 200:
        return False
    if 0 < a.start and b.end < len(doc) and doc[a.start - 1].pos_ == "PROPN" and doc[b.end].pos_ == "PROPN" \
            and doc[b.end].text[:1].isupper():
        return True  # Liverpool 2-1 Chelsea
    window = doc[max(0, a.start - 4):min(len(doc), b.end + 4)]
    return any(t.lower_ in SCORE_CUES for t in window)
