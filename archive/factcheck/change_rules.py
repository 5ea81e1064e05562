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


def _from_to(group: list[Fig], text: str):
    for i, (a, b) in enumerate(zip(group, group[1:])):
        if FROM.search(text[max(0, a.start - 12):a.start]) and TO.match(text[a.end:b.start]):
            yield i, a, b


def _stated(group: list[Fig], i: int) -> Fig | None:
    """The change figure: the one next to the pair, in points or percent, or in the pair's unit."""
    around = [group[j] for j in (i - 1, i + 2) if 0 <= j < len(group)]
    pair_unit = group[i].unit or group[i + 1].unit
    fits = [c for c in around if c.unit in POINTS or c.unit == "percent" or (c.unit and c.unit == pair_unit)]
    return fits[0] if len(fits) == 1 else None


def _fits(a: Fig, b: Fig, c: Fig) -> tuple[bool, str]:
    if c.unit in POINTS:
        lo, hi = _absolute(a, b)
        return _overlaps(lo, hi, c), f"a change of {fmt(abs(b.value - a.value))} points"
    if c.unit == "percent" and a.percent:
        lo, hi = _absolute(a, b)
        rlo, rhi = _relative(a, b)
        ok = _overlaps(lo, hi, c) or _overlaps(rlo, rhi, c)
        return ok, (f"a change of {fmt(abs(b.value - a.value))} points "
                    f"({fmt(abs(b.value - a.value) / a.value * 100)} % in relative terms)")
    if c.unit == "percent":
        rlo, rhi = _relative(a, b)
        return _overlaps(rlo, rhi, c), f"a change of {fmt(abs(b.value - a.value) / a.value * 100)} %"
    lo, hi = _absolute(a, b)
    return _overlaps(lo, hi, c), f"a change of {fmt(abs(b.value - a.value))}"


def stated_change(figs: list[Fig], text: str) -> list[Check]:
    out = []
    for group in _same_sentence(figs, text):
        for i, a, b in _from_to(group, text):
            c = _stated(group, i)
            if c is None or c.approx or a.approx or b.approx or a.value == 0:
                continue
            lo, hi = _sentence_of(a, text)
            said = _direction(text[lo:hi])
            actual = "up" if b.value > a.value else "down"
            fits, change = _fits(a, b, c)
            head = f"from {a.text} to {b.text} is {change}"
            if said and said != actual:
                out.append(_check("stated_change", "stated_change", "inconsistent", [a, b, c],
                                  f"{head}, but the text says it went {said}"))
            elif not fits:
                out.append(_check("stated_change", "stated_change", "inconsistent", [a, b, c],
                                  f"{head}, not “{c.text}”"))
            else:
                out.append(_check("stated_change", "stated_change", "consistent", [a, b, c],
                                  f"{head}, as stated (“{c.text}”)"))
    return out
