"""A figure's context: the currency, hedge and unit around a number core, the two ends of a
range sharing a unit, and a few words on what the figure measures."""

from __future__ import annotations

import re

from . import units as un
from . import wordlists as wl
from .figure_cores import Core, low_at
from .figure_filters import is_score
from .figure_units import attach_right

__all__ = ["attach_left", "attach_right", "describe", "elliptic_percent", "link_ranges", "proportions"]

HEDGES = wl.words("numbers/hedges")
_HEDGES = sorted((tuple(h.split()) for h in HEDGES), key=lambda h: (-len(h), h))
_LONGEST_HEDGE = len(_HEDGES[0])
_NOT_HEDGE_APPROX = wl.words("numbers/exact_words")

COMPARATIVES = wl.words("numbers/comparatives")


# ------------------------------------------------------------------------------ context

def _minus_before(doc, core: Core, s: int) -> int:
    """`minus 40 degrees`: a negative number; `plus or minus 4 points` is a margin."""
    if s > 0 and doc[s - 1].lower_ == "minus" and core.kind in ("digits", "words"):
        if low_at(doc, s - 2) == "or" and low_at(doc, s - 3) == "plus":
            s -= 3
        elif core.kind == "digits":
            core.value = -abs(core.value)
            s -= 1
    return s


def _currency_before(doc, core: Core, s: int) -> int:
    """`$5`, `EUR 4.5m`, `US $58.24`, `A $5` (not `For A $15 Wage`)."""
    if s <= 0:
        return s
    prev = doc[s - 1]
    code = un.currency_symbol(prev.text) or un.currency_code(prev.text)
    if code and core.kind in ("digits", "words", "vague"):
        core.currency = code
        s -= 1
        if s > 0 and doc[s - 1].text in ("US", "U.S.", "A", "C", "NZ", "HK", "S", "AU") and prev.text == "$" \
                and not (len(doc[s - 1].text) == 1 and doc[s - 1].whitespace_):
            core.currency = un.currency_symbol(doc[s - 1].text + "$") or code
            s -= 1
    return s


def _not_this_hedge(doc, core: Core, h: tuple, s: int) -> str | None:
    """Why a hedge's words before the number are no hedge here: 'skip' to try a shorter one,
    'stop' to take none, None when it is one."""
    n = len(h)
    if h[-1] in ("a", "an") and core.kind != "words":
        return "skip"
    if h == ("some",) and core.kind not in ("digits", "words"):
        return "stop"
    if h in (("over",), ("under",), ("above",), ("below",)) and low_at(doc, s - n - 1) in ("from", "to"):
        return "stop"
    if n == 1 and doc[s - 1].dep_ == "prt":
        return "stop"  # handed over millions
    if h == ("about",) and low_at(doc, s - 2) in ("more", "less", "much", "little", "most"):
        return "stop"  # learn more about 40 cases: a preposition, not a hedge
    return None


def _hedge(doc, core: Core, s: int) -> int:
    """The longest hedge just before token s (`more than`, `nearly`, `just over`): recorded in
    `approx` (not `only`, `exactly`), and where the figure's text now starts."""
    before = tuple(t.lower_ for t in doc[max(0, s - _LONGEST_HEDGE):s])
    for h in _HEDGES:
        n = len(h)
        if n > len(before) or before[len(before) - n:] != h:
            continue
        why = _not_this_hedge(doc, core, h, s)
        if why == "skip":
            continue
        if why == "stop":
            break
        s -= n
        hedge = " ".join(t.text for t in doc[s:s + n])
        if hedge.lower() not in _NOT_HEDGE_APPROX:
            core.approx = hedge.lower()
        if s > 0 and doc[s - 1].lower_ in ("just", "well", "slightly") and n == 1:  # just over half
            s -= 1
            core.approx = f"{doc[s].lower_} {core.approx}" if core.approx else None
        break
    return s


def attach_left(doc, core: Core) -> None:
    """Currency symbol or code just before the number, then a hedge before that."""
    if core.glued_start is not None:
        return  # the second share of `58%-33%`: what lies before belongs to the first
    s = _currency_before(doc, core, _minus_before(doc, core, core.start))
    if core.approx is None:
        s = _hedge(doc, core, s)
    core.text_start = min(core.text_start, s)


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


_RANGE_GAPS = (["to"], ["-"], ["–"], ["—"], ["and"], ["or"], ["to", "about"], ["and", "about"], ["-", "to", "-"])


def _years_or_codes(doc, a: Core, b: Core, gap: list[str]) -> bool:
    """Ends that are no range of figures: a score (`ended 2-2`), a code (`ISO 3888-2`, `Boeing
    737-800`), a year range (`2018-19`, `between 1600 and 1900`); True when the pair is settled.
    `between 1500 and 2000 people` is a range of counts after all: the first end is kept."""
    if is_score(doc, a, b, gap):
        a.drop = b.drop = True
        return True
    if a.drop and "year" not in a.notes and gap == ["-"] and doc[a.end].whitespace_ == "" \
            and doc[a.end - 1].whitespace_ == "":
        b.drop = True
        return True
    if "year" not in a.notes:
        return False
    if not b.drop and (b.unit or b.percent or b.currency) and gap != ["-"] \
            and low_at(doc, a.start - 1) in ("between", "from") and not b.scaled:
        a.drop = False
        a.notes.remove("year")
        return False
    if b.kind == "digits" and not (b.scaled or b.percent or b.currency or b.unit) \
            and gap != ["or"] and re.fullmatch(r"\d{2}|\d{4}", doc[b.start].text):
        b.drop = True
    return True


def _share(a: Core, b: Core) -> None:
    """The two ends of a range share percent, currency, scale and unit (`10-20%`, `$62 to 68`)."""
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


def link_ranges(doc, cores: list[Core]) -> None:
    """`10-20%`, `from 4.9 to 5 percent`, `between $62 and $68`: the first end takes the unit,
    currency and scale of the second; `2018-19` is a year range, not a figure."""
    for a, b in zip(cores, cores[1:]):
        gap = [t.lower_ for t in doc[a.text_end:b.text_start]]
        if gap not in _RANGE_GAPS or _years_or_codes(doc, a, b, gap):
            continue
        if gap == ["and"] and low_at(doc, a.text_start - 1) != "between" and not (
                b.percent and not a.percent and a.kind == "digits" and a.end == a.text_end) \
                and not (a.kind == "words" and b.kind == "words"):
            continue  # `5 and 6 people` is two counts unless `between` makes it a range
        if a.currency and b.currency and a.currency != b.currency:
            continue
        _share(a, b)


_LIST_JOINERS = {"and", ",", "or", "while"}
_CHANGE_PREPOSITIONS = {"by", "to"}
_CONTRASTS = {"and", "but", "while", "whereas", ",", ";"}


def _parallel_change(doc, prev: Core, c: Core) -> bool:
    """`Milan's index rose by 3 percent but the Ibex fell by 2`: the same preposition of change before
    both numbers, and a conjunction between them."""
    lead = low_at(doc, c.text_start - 1)
    if lead not in _CHANGE_PREPOSITIONS or low_at(doc, prev.text_start - 1) != lead:
        return False
    return any(doc[k].lower_ in _CONTRASTS for k in range(prev.text_end, c.text_start - 1))


def elliptic_percent(doc, cores: list[Core]) -> None:
    """`65 percent were white, 11.9 percent black and 7.3 of another race`: a bare number closing
    a list of percentages is one too; so is the second of two changes told alike (`_parallel_change`)."""
    prev = None
    for c in cores:
        if c.drop:
            continue
        if (prev is not None and prev.percent and c.kind == "digits" and not (c.percent or c.currency or c.unit)
                and c.value <= 100 and doc[c.start].sent.start == doc[prev.start].sent.start
                and c.start - prev.text_end <= 8
                and (low_at(doc, c.text_start - 1) in _LIST_JOINERS or _parallel_change(doc, prev, c))):
            c.percent = prev.percent
        prev = c


MARGIN_PHRASES = [tuple(p.split()) for p in wl.words("numbers/margin_phrases")]
_MARGIN_REACH = 8
"""How many words back from the number a margin phrase may end (`margin of error between +/- 3.1`)."""


def margin_points(doc, cores: list[Core]) -> None:
    """`The margin of error is plus or minus 2.7`, `a margin of error between +/- 2.2 and 3.6`: a
    bare number closing a poll's margin of error is in percentage points (GUIDELINES)."""
    for c in cores:
        if c.drop or c.kind != "digits" or c.percent or c.currency or c.unit or c.value > 20:
            continue
        words = tuple(t.lower_ for t in doc[max(doc[c.start].sent.start, c.text_start - _MARGIN_REACH - 4):c.text_start])
        if any(words[k:k + len(p)] == p for p in MARGIN_PHRASES for k in range(len(words))):
            c.percent = "percentage points"


_LIST_SEPARATORS = {",", "or", "and"}


def listed_percent(doc, cores: list[Core]) -> None:
    """`turnout was 61, 64 and 70 percent`: bare numbers listed before a percentage share its
    percent (a range, `7 to 10 percent`, is linked by `link_ranges`)."""
    run: list[Core] = []
    for c in cores:
        if c.drop:
            run = []
            continue
        if run and not (doc[c.text_start - 1].lower_ in _LIST_SEPARATORS and c.text_start - run[-1].text_end == 1):
            run = []
        if c.percent and run:
            for r in run:
                r.percent = c.percent
            run = []
        elif c.kind == "digits" and not (c.percent or c.currency or c.unit) and c.value <= 100:
            run.append(c)
        else:
            run = []


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
    root = next((t for t in doc[core.text_start:core.text_end] if t.head.i not in span or t.head == t),
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
        if head.head == head:
            break
        head = head.head
    return None
