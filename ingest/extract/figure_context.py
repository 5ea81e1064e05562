"""A figure's context: the currency, hedge and unit around a number core, the two ends of a
range sharing a unit, and a few words on what the figure measures."""

from __future__ import annotations

import re

from . import units as un
from . import wordlists as wl
from .figure_cores import Core, low_at
from .figure_filters import is_score

HEDGES = wl.words("numbers/hedges")
_HEDGES = sorted((tuple(h.split()) for h in HEDGES), key=lambda h: (-len(h), h))
_LONGEST_HEDGE = len(_HEDGES[0])
_NOT_HEDGE_APPROX = wl.words("numbers/exact_words")

COMPARATIVES = wl.words("numbers/comparatives")


# ------------------------------------------------------------------------------ context

def attach_left(doc, core: Core) -> None:  # noqa: C901 (to split)
    """Currency symbol or code just before the number, then a hedge before that."""
    if core.glued_start is not None:
        return  # the second share of `58%-33%`: what lies before belongs to the first
    s = core.start
    if s > 0 and doc[s - 1].lower_ == "minus" and core.kind in ("digits", "words"):
        if low_at(doc, s - 2) == "or" and low_at(doc, s - 3) == "plus":
            s -= 3  # plus or minus 4 points: a margin, not a negative number
        elif core.kind == "digits":
            core.value = -abs(core.value)
            s -= 1
    if s > 0:
        prev = doc[s - 1]
        code = un.currency_symbol(prev.text) or un.currency_code(prev.text)
        if code and core.kind in ("digits", "words", "vague"):
            core.currency = code
            s -= 1
            # US $58.24, A $5
            if s > 0 and doc[s - 1].text in ("US", "U.S.", "A", "C", "NZ", "HK", "S", "AU") and prev.text == "$" \
                    and not (len(doc[s - 1].text) == 1 and doc[s - 1].whitespace_):  # not `For A $15 Wage`
                core.currency = un.currency_symbol(doc[s - 1].text + "$") or code
                s -= 1
    if core.approx is None:
        before = tuple(t.lower_ for t in doc[max(0, s - _LONGEST_HEDGE):s])
        for h in _HEDGES:
            n = len(h)
            if n > len(before):
                continue
            if before[len(before) - n:] == h:
                if h[-1] in ("a", "an") and core.kind != "words":
                    continue
                if h == ("some",) and core.kind not in ("digits", "words"):
                    break
                if h in (("over",), ("under",), ("above",), ("below",)) and low_at(doc, s - n - 1) in ("from", "to"):
                    break
                if n == 1 and doc[s - 1].dep_ == "prt":
                    break  # handed over millions
                if h == ("about",) and low_at(doc, s - 2) in ("more", "less", "much", "little", "most"):
                    break  # learn more about 40 cases: a preposition, not a hedge
                s -= n
                hedge = " ".join(t.text for t in doc[s:s + n])
                if hedge.lower() not in _NOT_HEDGE_APPROX:
                    core.approx = hedge.lower()
                # just over half
                if s > 0 and doc[s - 1].lower_ in ("just", "well", "slightly") and n == 1:
                    s -= 1
                    core.approx = f"{doc[s].lower_} {core.approx}" if core.approx else None
                break
    core.text_start = min(core.text_start, s)


# punctuation that ends a phrase: a counted noun is never found beyond it (`20 wounded.--Ann Lee`)
_NOT_INSIDE_UNIT = {",", ";", ":", "(", ")", ".", "!", "?", "--", "\u2014", "\u2013"}
_GLUED_BREAK = re.compile(r"\.-|--|[!?\u2014]")  # a token glued across a break: `wounded.--Ann`


def attach_right(doc, core: Core) -> None:  # noqa: C901 (to split)
    """Percent words, currency words, units, a hyphenated measure or the counted noun."""
    j = core.end
    n = len(doc)

    def low(k):
        return low_at(doc, k)

    if core.percent is None and core.kind in ("digits", "words"):
        if low(j) in ("%", "percent", "pct", "per-cent"):
            core.percent = "percent"
            j += 1
        elif low(j) == "per" and low(j + 1) == "cent":
            core.percent = "percent"
            j += 2
        elif low(j) == "pc" and core.kind == "digits":
            core.percent = "percent"
            j += 1
        if core.percent and low(j) in ("point", "points"):
            core.percent = "percentage points"
            j += 1
        elif low(j) == "percentage" and low(j + 1) in ("point", "points"):
            core.percent = "percentage points"
            j += 2
    if core.percent:
        core.text_end = max(core.text_end, j)
        return
    if core.kind == "ratio":
        core.text_end = max(core.text_end, j)
        return
    # currency words: 15 euros, 10.5 million Australian dollars, 19 cents
    if core.currency is None:
        code = un.currency_word(low(j))
        if code and not (low(j) in ("pound", "pounds") and _weight_context(doc, j)):
            core.currency = code
            j += 1
            if low(j) == "sterling":
                j += 1
        elif j + 1 < n and un.currency_word(low(j + 1), low(j)) and low(j + 1).startswith("dollar"):
            core.currency = un.currency_word(low(j + 1), low(j))
            j += 2
        elif low(j) in un.SUBUNITS and core.kind in ("digits", "words") and not (low(j) == "p" and doc[j - 1].whitespace_):
            core.unit = un.SUBUNITS[low(j)]
            j += 1
        elif un.currency_code(doc[j].text if j < n else "") and core.kind in ("digits", "words"):
            core.currency = doc[j].text.upper()
            j += 1
    if core.currency:
        core.unit = core.currency
        core.text_end = max(core.text_end, j)
        return
    if core.unit:  # glued unit
        core.text_end = max(core.text_end, j)
        return
    # hyphenated measure: 48-year-old, 12-month, three-page
    if low(j) in ("-", "‑") and low(j + 1) != "plus" and doc[j - 1].whitespace_ == "" and j + 1 < n and doc[j + 1].is_alpha:
        k = j + 1
        unit = doc[k].text
        k += 1
        if low(k) == "-" and low(k + 1) == "old":
            k += 2
        core.unit = unit
        if unit.lower() in ("point", "points"):
            _points(doc, core)  # a 6-point lead
        core.text_end = k
        return
    # measures and abbreviations
    m = un.measure(doc[j].text) if j < n else None
    glued_unit = j > 0 and doc[j - 1].whitespace_ == "" and core.kind == "digits"
    if m and (glued_unit or doc[j].text not in ("in", "In", "m", "t", "g", "l", "h", "w", "c", "f", "v")) \
            and not (doc[j].text == "C" and core.kind != "digits"):
        k = j + 1
        if low(k) == "/" and k + 1 < n and doc[k + 1].is_alpha:  # km/h
            m = doc[j].text + "/" + doc[k + 1].text.rstrip(".")
            k += 2
        scale = _temperature_scale(doc, j, k)
        if scale:
            m = scale
            k += 1
        elif low(j) in ("sq", "square") and k < n and un.measure(doc[k].text.rstrip(".")):
            m = "square " + un.measure(doc[k].text.rstrip("."))  # 40 sq m, 2 square miles
            k += 1
        core.unit = m
        core.text_end = k
        return
    if low(j) in ("points", "point"):
        _points(doc, core)
        core.text_end = j + 1
        return
    if low(j) == "basis" and low(j + 1) in ("points", "point"):
        core.unit = "basis points"
        core.text_end = j + 2
        return
    if low(j) in ("-", "‑") and low(j + 1) == "plus":
        core.approx = core.approx or "more than"
        core.text_end = j + 2
        return
    # the counted noun: the head the number modifies, a few words on
    last = doc[core.end - 1]
    head = last.head
    if last.dep_ in ("nummod", "quantmod", "compound", "amod", "npadvmod", "nmod") and head.i >= core.end \
            and head.i - core.end <= 4 and head.pos_ in ("NOUN", "PROPN") and head.is_alpha:
        if all(t.pos_ in ("ADJ", "NOUN", "PROPN", "PUNCT", "ADV", "VERB", "NUM") and t.text not in _NOT_INSIDE_UNIT
               and not _GLUED_BREAK.search(t.text) for t in doc[core.end:head.i]):
            core.unit = head.text
            core.text_end = head.i + 1
            return
    if j < n and doc[j].pos_ == "NOUN" and doc[j].is_alpha and doc[j].tag_ == "NNS":
        core.unit = doc[j].text
        core.text_end = j + 1
        return
    # tens of thousands of people, millions of dollars
    if core.kind in ("vague", "words", "digits") and low(j) == "of" and j + 1 < n:
        k = j + 1
        while k < n and doc[k].pos_ in ("ADJ",) and k - j < 3:
            k += 1
        if k < n and doc[k].pos_ == "NOUN" and doc[k].tag_ == "NNS" and core.kind == "vague":
            code = un.currency_word(doc[k].lower_)
            core.unit = code or doc[k].text
            core.currency = code
    core.text_end = max(core.text_end, j)


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


def proportions(doc, cores: list[Core]) -> None:
    """`one in five adults`, `eight out of 10`, `nine of 10 limes`: a share of a whole, given in percent (the second
    number is part of the figure, not one of its own). Run before the context is attached."""
    for a, b in zip(cores, cores[1:]):
        gap = [t.lower_ for t in doc[a.end:b.start]]
        if gap == ["of"] and not (b.value == 10 and a.value == int(a.value) and 2 <= a.value <= 9):
            continue  # `eight of 10 avocados` is a share; `three of 20 judges` is a count
        if gap not in (["in"], ["out", "of"], ["of"]) or a.drop or b.drop:
            continue
        if a.kind not in ("digits", "words") or b.kind not in ("digits", "words"):
            continue
        if a.percent or b.percent or a.currency or b.currency or a.unit or b.unit or a.scaled or b.scaled:
            continue
        if not (0 < a.value < b.value <= 1000) or low_at(doc, b.end) in un.MEASURE_NOUNS:
            continue
        a.value = round(100.0 * a.value / b.value, 2)
        a.percent = "percent"
        a.small_words = False
        a.end = a.text_end = b.end
        b.drop = True


def link_ranges(doc, cores: list[Core]) -> None:  # noqa: C901 (to split)
    """`10-20%`, `from 4.9 to 5 percent`, `between $62 and $68`: the first end takes the unit,
    currency and scale of the second; `2018-19` is a year range, not a figure."""
    for a, b in zip(cores, cores[1:]):
        gap = [t.lower_ for t in doc[a.text_end:b.text_start]]
        if gap not in (["to"], ["-"], ["–"], ["—"], ["and"], ["or"], ["to", "about"], ["and", "about"],
                       ["-", "to", "-"]):
            continue
        if is_score(doc, a, b, gap):
            a.drop = b.drop = True
            continue
        if a.drop and "year" not in a.notes and gap == ["-"] and doc[a.end].whitespace_ == "" \
                and doc[a.end - 1].whitespace_ == "":
            b.drop = True  # ISO 3888-2, Boeing 737-800
            continue
        if "year" in a.notes:
            if not b.drop and (b.unit or b.percent or b.currency) and gap != ["-"] \
                    and low_at(doc, a.start - 1) in ("between", "from") and not b.scaled:
                a.drop = False  # between 1500 and 2000 people
                a.notes.remove("year")
            else:
                if b.kind == "digits" and not (b.scaled or b.percent or b.currency or b.unit) \
                        and gap != ["or"] and re.fullmatch(r"\d{2}|\d{4}", doc[b.start].text):
                    b.drop = True  # 2018-19, between 1600 and 1900
                continue
        if gap == ["and"] and low_at(doc, a.text_start - 1) != "between" and not (
                b.percent and not a.percent and a.kind == "digits" and a.end == a.text_end):
            if not (a.kind == "words" and b.kind == "words"):
                continue
        if a.currency and b.currency and a.currency != b.currency:
            continue
        if b.percent and not a.percent and not a.unit and not a.currency:
            a.percent = b.percent
        if b.currency and not a.currency and not a.unit and not a.percent:
            a.currency = a.unit = b.currency
        if a.currency and not b.currency and not b.unit and not b.percent:
            b.currency = b.unit = a.currency
        if b.scaled and not a.scaled and a.kind == "digits" and a.raw <= b.raw and not a.percent:
            factor = b.value / b.raw if b.raw else 1
            a.value *= factor
            a.scaled = True
        if b.unit and not a.unit and not a.percent and not a.currency:
            a.unit = b.unit
        a.small_words = a.small_words and b.small_words


def elliptic_percent(doc, cores: list[Core]) -> None:
    """`65 percent were white, 11.9 percent black and 7.3 of another race`: a bare number closing
    a list of percentages is one too."""
    prev = None
    for c in cores:
        if c.drop:
            continue
        if (prev is not None and prev.percent and c.kind == "digits" and not (c.percent or c.currency or c.unit)
                and c.value <= 100 and doc[c.start].sent.start == doc[prev.start].sent.start
                and c.start - prev.text_end <= 8 and low_at(doc, c.text_start - 1) in ("and", ",", "or", "while")):
            c.percent = prev.percent
        prev = c


# ------------------------------------------------------------------------------- output

def _phrase(tok, skip: range) -> str | None:
    """A noun with its modifiers to the left (`average retail price`), outside the figure."""
    mods = [c for c in tok.lefts if c.dep_ in ("compound", "amod", "nmod", "poss", "npadvmod")
            and c.i not in skip and not c.like_num]
    toks = [t for m in mods for t in m.subtree if t.i not in skip and not t.is_punct] + [tok]
    toks = sorted(set(toks), key=lambda t: t.i)[-5:]
    return " ".join(t.text for t in toks) or None


def describe(doc, core: Core) -> str | None:
    """A few words on what is measured: `X of ...` after the figure, the counted noun, the noun the
    figure completes (`a turnout of 43.9%`), or the subject of its clause."""
    span = range(core.text_start, core.text_end)
    end = core.text_end
    if low_at(doc, end) == "of" and end + 1 < len(doc):
        k = end + 1
        toks = []
        while k < len(doc) and k - end <= 6 and doc[k].pos_ in ("DET", "ADJ", "NOUN", "PROPN", "NUM", "PRON"):
            toks.append(doc[k].text)
            k += 1
        if toks:
            return " ".join(toks)
    if end < len(doc) and doc[end].tag_ == "NNS" and core.percent:
        return _phrase(doc[end], span)  # one in five adults
    if core.unit and not core.currency and core.unit not in ("times",) and not core.percent:
        unit_tok = doc[core.text_end - 1]
        measure = unit_tok.lower_ in un.MEASURE_NOUNS or un.measure(unit_tok.text)
        if unit_tok.is_alpha and unit_tok.i > core.end - 1 and not measure:
            return _phrase(unit_tok, range(core.text_start, core.end)) or core.unit
    root = next((t for t in doc[core.text_start:core.text_end] if t.head.i not in span or t.head is t),
                doc[core.start])
    head = root.head
    if head.pos_ == "ADP" and head.i not in span:
        head = head.head
    if head.pos_ in ("NOUN", "PROPN") and head.i not in span:
        return _phrase(head, span)
    for _ in range(4):
        subj = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass") and c.i not in span]
        if subj:
            toks = [t for t in subj[0].subtree if t.i not in span and not t.is_punct and not t.like_num][:8]
            while toks and toks[-1].pos_ in ("DET", "ADP", "CCONJ", "PART"):
                toks.pop()
            if toks:
                return " ".join(t.text for t in toks)
        if head.head is head:
            break
        head = head.head
    return None
