"""A change stated beside its two values: "from 4.9 to 5.3 percent, up 0.2 points".

The two values give the change; the stated change must agree with it, as points (an absolute
difference) or, for a change in percent, as points or as a relative change (newsrooms write both
ways), and in its direction (`up`, `fell`: data/change_words.txt). Each number may be rounded, so
the check works on the intervals the written digits allow. A range ("from 40 to 45 percent") has
no stated change beside it and is not checked."""

from __future__ import annotations

import re
from functools import lru_cache

from .check_rules import Check, _check, _same_sentence, _sentence_of
from .figure_facts import Fig, data_lines, fmt

FROM = re.compile(r"\bfrom\s*$", re.I)
TO = re.compile(r"^\s*(?:percent|per cent|%)?\s*to\s*$", re.I)
POINTS = ("points", "percentage points", "point", "percentage point")


@lru_cache(maxsize=1)
def change_words() -> dict[str, str]:
    out = {}
    for line in data_lines("change_words.txt"):
        word, direction = (p.strip() for p in line.split("|"))
        out[word] = direction
    return out


def _direction(segment: str) -> str | None:
    found = {change_words()[w] for w in re.findall(r"[a-z]+", segment.casefold()) if w in change_words()}
    return found.pop() if len(found) == 1 else None


def _interval(f: Fig) -> tuple[float, float]:
    return f.value - f.ulp, f.value + f.ulp


def _overlaps(lo: float, hi: float, c: Fig) -> bool:
    clo, chi = _interval(c)
    return lo <= chi + 1e-9 and clo - 1e-9 <= hi


def _absolute(a: Fig, b: Fig) -> tuple[float, float]:
    (alo, ahi), (blo, bhi) = _interval(a), _interval(b)
    return abs(b.value - a.value) - (ahi - alo + bhi - blo) / 2, abs(b.value - a.value) + (ahi - alo + bhi - blo) / 2


def _relative(a: Fig, b: Fig) -> tuple[float, float]:
    (alo, ahi), (blo, bhi) = _interval(a), _interval(b)
    options = [abs(y - x) / x * 100 for x in (alo, ahi) for y in (blo, bhi) if x > 0]
    return (min(options), max(options)) if options else (float("inf"), float("-inf"))


UP_FROM = re.compile(r"^\s*(?:percent|per cent|%)?[^.;\d]{0,30}?,?\s*(?:up|down)\s+from\s*$", re.I)


def _from_to(group: list[Fig], text: str):
    """(index of the pair's first figure, old value, new value): 'from A to B', or 'B, up from A'."""
    for i, (a, b) in enumerate(zip(group, group[1:])):
        if FROM.search(text[max(0, a.start - 12):a.start]) and TO.match(text[a.end:b.start]):
            yield i, a, b
        elif UP_FROM.match(text[a.end:b.start]):
            yield i, b, a


def _stated(group: list[Fig], i: int) -> Fig | None:
    """The change figure: the one next to the pair, in points or percent, or in the pair's unit."""
    around = [group[j] for j in (i - 1, i + 2) if 0 <= j < len(group)]
    pair_unit = group[i].unit or group[i + 1].unit
    fits = [c for c in around if c.unit in POINTS or c.unit == "percent" or (c.unit and c.unit == pair_unit)]
    return fits[0] if len(fits) == 1 else None


def said_as_change(c: Fig, text: str) -> bool:
    """'up 0.2 points', 'a drop of 0.3', 'rose 8 percent': a change word just before the figure.
    ('$51,200, up from $48,900 last spring and from $45,050 in March 2019' states no change.)"""
    words = re.findall(r"[a-z]+", text[max(0, c.start - 24):c.start].casefold())[-3:]
    return any(w in change_words() or w == "by" for w in words)


def _status(point: float, lo: float, hi: float, c: Fig) -> str:
    """Consistent when the change from the values as written is what is stated (as rounded);
    unclear when only the values' own rounding could make it so; else inconsistent."""
    clo, chi = _interval(c)
    if clo - 1e-9 <= point <= chi + 1e-9:
        return "consistent"
    return "unclear" if _overlaps(lo, hi, c) else "inconsistent"


def _best(*statuses: str) -> str:
    return next(s for s in ("consistent", "unclear", "inconsistent") if s in statuses)


def _fits(a: Fig, b: Fig, c: Fig) -> tuple[str, str]:
    points = abs(b.value - a.value)
    relative = points / a.value * 100
    if c.unit in POINTS:
        return _status(points, *_absolute(a, b), c), f"a change of {fmt(points)} points"
    if c.unit == "percent" and a.percent:
        return (_best(_status(points, *_absolute(a, b), c), _status(relative, *_relative(a, b), c)),
                f"a change of {fmt(points)} points ({fmt(relative)} % in relative terms)")
    if c.unit == "percent":
        return _status(relative, *_relative(a, b), c), f"a change of {fmt(relative)} %"
    return _status(points, *_absolute(a, b), c), f"a change of {fmt(points)}"


def stated_change(figs: list[Fig], text: str) -> list[Check]:
    out = []
    for group in _same_sentence(figs, text):
        for i, a, b in _from_to(group, text):
            c = _stated(group, i)
            if c is None or not said_as_change(c, text) or c.approx or a.approx or b.approx or a.value == 0:
                continue
            lo, hi = _sentence_of(a, text)
            said = _direction(text[lo:hi])
            actual = "up" if b.value > a.value else "down"
            status, change = _fits(a, b, c)
            head = f"from {a.text} to {b.text} is {change}"  # a is the old value, b the new one
            if said and said != actual:
                status, why = "inconsistent", f"{head}, but the text says it went {said}"
            else:
                why = {"consistent": f"{head}, as stated (“{c.text}”)",
                       "unclear": f"{head}, not “{c.text}”, unless the values were rounded a long way",
                       "inconsistent": f"{head}, not “{c.text}”"}[status]
            out.append(_check("stated_change", "stated_change", status, [a, b, c], why))
    return out
