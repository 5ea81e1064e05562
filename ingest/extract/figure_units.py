"""A figure's context to the right of its number: percent words (`40 percent`, `3 percentage
points`), currency words (`15 euros`, `Australian dollars`), minor units (`35 cents`), units of
measure (`140 mph`, `95°F`, `40 sq ft`), poll points, and the counted noun (`2,000 officers`).

`attach_right` tries the unit rules of `UNIT_RULES` in order; each is a small function that
sets the unit and says where the figure's text ends, or passes.
"""

from __future__ import annotations

import re

from . import units as un
from . import wordlists as wl
from .number_core import Core, low_at

# punctuation that ends a phrase: a counted noun is never found beyond it (`20 wounded.--Ann Lee`)
_NOT_INSIDE_UNIT = {",", ";", ":", "(", ")", ".", "!", "?", "--", "\u2014", "\u2013"}
_GLUED_BREAK = re.compile(r"\.-|--|[!?\u2014]")  # a token glued across a break: `wounded.--Ann`


POLL_CUES = wl.words("numbers/poll_cues")
GAME_CUES = wl.words("numbers/game_cues")


def _points(doc, core: Core) -> None:
    """Points of a poll, a vote share or a rate are percentage points (`a 6-point lead in the
    poll`, `a 3.5-point margin of error`: GUIDELINES); points of an index or a game stay points."""
    words = {t.lower_ for t in doc[core.start].sent}
    if words & POLL_CUES and not words & GAME_CUES:
        core.percent = "percentage points"
        core.unit = None
    else:
        core.unit = "points"


def _temperature_scale(doc, j: int, k: int) -> str | None:
    """`95°F`, `minus 5 degrees C`, `30 degrees Celsius`: the scale after a degree sign or word."""
    if low_at(doc, j) not in ("degrees", "degree", "°") or k >= len(doc):
        return None
    word = doc[k].lower_
    if word in ("c", "f") and low_at(doc, j) == "°" and doc[j].whitespace_:
        return None  # a stray letter after a spaced sign
    return {"celsius": "degrees Celsius", "c": "degrees Celsius", "fahrenheit": "degrees Fahrenheit",
            "f": "degrees Fahrenheit"}.get(word)


WEIGHT_WORDS = wl.words("numbers/weight_words")


def _weight_context(doc, j: int) -> bool:
    """`200 pounds` of weight rather than sterling: a body, a catch, an animal nearby."""
    return any(t.lower_ in WEIGHT_WORDS for t in doc[j].sent)


def _percent_after(doc, core: Core, j: int) -> int:
    """`40 percent`, `40 per cent`, `40pc`, `3 percentage points`: the end they reach."""
    low = lambda k: low_at(doc, k)  # noqa: E731
    if core.percent is None and core.kind in ("digits", "words"):
        if low(j) in ("%", "percent", "pct", "per-cent") or (low(j) == "pc" and core.kind == "digits"):
            core.percent = "percent"
            j += 1
        elif low(j) == "per" and low(j + 1) == "cent":
            core.percent = "percent"
            j += 2
        if core.percent and low(j) in ("point", "points"):
            core.percent = "percentage points"
            j += 1
        elif low(j) == "percentage" and low(j + 1) in ("point", "points"):
            core.percent = "percentage points"
            j += 2
    return j


def _currency_after(doc, core: Core, j: int) -> int:
    """`15 euros`, `200 pounds sterling` (not `weighed 200 pounds`), `10.5 million Australian
    dollars`, `19 cents`, `5m USD`: the end they reach."""
    low = lambda k: low_at(doc, k)  # noqa: E731
    code = un.currency_word(low(j))
    if code and not (low(j) in ("pound", "pounds") and _weight_context(doc, j)):
        core.currency = code
        return j + 2 if low(j + 1) == "sterling" else j + 1
    if j + 1 < len(doc) and un.currency_word(low(j + 1), low(j)) and low(j + 1).startswith("dollar"):
        core.currency = un.currency_word(low(j + 1), low(j))
        return j + 2
    if low(j) in un.SUBUNITS and core.kind in ("digits", "words") and not (low(j) == "p" and doc[j - 1].whitespace_):
        core.unit = un.SUBUNITS[low(j)]
        return j + 1
    if un.currency_code(doc[j].text if j < len(doc) else "") and core.kind in ("digits", "words"):
        core.currency = doc[j].text.upper()
        return j + 1
    return j


def _hyphen_measure(doc, core: Core, j: int) -> int | None:
    """`48-year-old`, `12-month`, `three-page`, `a 6-point lead`."""
    if not (low_at(doc, j) in ("-", "‑") and low_at(doc, j + 1) != "plus" and doc[j - 1].whitespace_ == ""
            and j + 1 < len(doc) and doc[j + 1].is_alpha):
        return None
    k = j + 1
    unit = doc[k].text
    k += 1
    if low_at(doc, k) == "-" and low_at(doc, k + 1) == "old":
        k += 2
    core.unit = unit
    if unit.lower() in ("point", "points"):
        _points(doc, core)
    return k


def _measure(doc, core: Core, j: int) -> int | None:
    """Units and abbreviations: `140 mph`, `25 km/h`, `95°F`, `40 sq ft` (`in`, `m` and the like
    only glued to the digits)."""
    n = len(doc)
    m = un.measure(doc[j].text) if j < n else None
    glued_unit = j > 0 and doc[j - 1].whitespace_ == "" and core.kind == "digits"
    if not m or not (glued_unit or doc[j].text not in ("in", "In", "m", "t", "g", "l", "h", "w", "c", "f", "v")) \
            or (doc[j].text == "C" and core.kind != "digits"):
        return None
    k = j + 1
    if low_at(doc, k) == "/" and k + 1 < n and doc[k + 1].is_alpha:  # km/h
        m = doc[j].text + "/" + doc[k + 1].text.rstrip(".")
        k += 2
    scale = _temperature_scale(doc, j, k)
    if scale:
        m = scale
        k += 1
    elif low_at(doc, j) in ("sq", "square") and k < n and un.measure(doc[k].text.rstrip(".")):
        m = "square " + un.measure(doc[k].text.rstrip("."))  # 40 sq m, 2 square miles
        k += 1
    core.unit = m
    return k


def _points_after(doc, core: Core, j: int) -> int | None:
    """`150 points`, `a 3.5-point margin` (percentage points in a poll), `25 basis points`."""
    if low_at(doc, j) in ("points", "point"):
        _points(doc, core)
        return j + 1
    if low_at(doc, j) == "basis" and low_at(doc, j + 1) in ("points", "point"):
        core.unit = "basis points"
        return j + 2
    return None


def _plus_after(doc, core: Core, j: int) -> int | None:
    """`100-plus people`: more than the number."""
    if low_at(doc, j) in ("-", "‑") and low_at(doc, j + 1) == "plus":
        core.approx = core.approx or "more than"
        return j + 2
    return None


def _counted_head(doc, core: Core, j: int) -> int | None:
    """The counted noun the number modifies, a few words on (`2,000 riot police officers`)."""
    last = doc[core.end - 1]
    head = last.head
    if last.dep_ in ("nummod", "quantmod", "compound", "amod", "npadvmod", "nmod") and head.i >= core.end \
            and head.i - core.end <= 4 and head.pos_ in ("NOUN", "PROPN") and head.is_alpha:
        if all(t.pos_ in ("ADJ", "NOUN", "PROPN", "PUNCT", "ADV", "VERB", "NUM") and t.text not in _NOT_INSIDE_UNIT
               and not _GLUED_BREAK.search(t.text) for t in doc[core.end:head.i]):
            core.unit = head.text
            return head.i + 1
    return None


def _plural_after(doc, core: Core, j: int) -> int | None:
    """A plural noun right after the number, whatever the parse hung it on."""
    if j < len(doc) and doc[j].pos_ == "NOUN" and doc[j].is_alpha and doc[j].tag_ == "NNS":
        core.unit = doc[j].text
        return j + 1
    return None


def _of_plural(doc, core: Core, j: int) -> None:
    """`tens of thousands of people`, `millions of dollars`: the noun a vague magnitude counts."""
    n = len(doc)
    if core.kind in ("vague", "words", "digits") and low_at(doc, j) == "of" and j + 1 < n:
        k = j + 1
        while k < n and doc[k].pos_ in ("ADJ",) and k - j < 3:
            k += 1
        if k < n and doc[k].pos_ == "NOUN" and doc[k].tag_ == "NNS" and core.kind == "vague":
            code = un.currency_word(doc[k].lower_)
            core.unit = code or doc[k].text
            core.currency = code


# (name, rule): after percent and currency words, tried in order; the first that reads a unit
# says where the figure's text ends
UNIT_RULES = [
    ("hyphen_measure", _hyphen_measure),
    ("measure", _measure),
    ("points", _points_after),
    ("plus", _plus_after),
    ("counted_head", _counted_head),
    ("plural_after", _plural_after),
]


def attach_right(doc, core: Core) -> None:
    """Percent words, currency words, units, a hyphenated measure or the counted noun."""
    j = _percent_after(doc, core, core.end)
    if core.percent or core.kind == "ratio":
        core.text_end = max(core.text_end, j)
        return
    if core.currency is None:
        j = _currency_after(doc, core, j)
    if core.currency:
        core.unit = core.currency
    if core.currency or core.unit:  # a currency, or a unit glued to the digits
        core.text_end = max(core.text_end, j)
        return
    for _, rule in UNIT_RULES:
        end = rule(doc, core, j)
        if end is not None:
            core.text_end = end
            return
    _of_plural(doc, core, j)
    core.text_end = max(core.text_end, j)
