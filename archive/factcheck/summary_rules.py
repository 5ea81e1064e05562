"""A hedged or rounded summary against the precise parts it sums up.

"nearly two-thirds of voters abstained or returned blank or spoiled ballots" stands beside
"Abstentions were 56.13%, blank ballots 1.43% and spoiled ballots 1.56%": the parts add up to
59.12 %, which is not nearly two-thirds. The parts are the article's precise shares whose measure
the summary's own words name (two at least, from one sentence of their own), and the hedge says
how far the stated figure may be from their sum (data/hedges.txt)."""

from __future__ import annotations

import re
from functools import lru_cache

from .check_rules import Check, _check, _distinct, _same_sentence, _sentence_of
from .figure_facts import Fig, data_lines, fmt, mentions

MARGIN = 1.03
"""Beyond the hedge's bounds by less than this factor the text does not allow a decision."""


@lru_cache(maxsize=1)
def hedges() -> dict[str, tuple[float, float]]:
    out = {}
    for line in data_lines("hedges.txt"):
        name, low, high = (p.strip() for p in line.split("|"))
        out[name] = (float(low), float(high))
    return out


def hedge_of(fig: Fig) -> tuple[str, tuple[float, float]] | None:
    if fig.approx:
        key = fig.approx.casefold().strip()
        return (key, hedges()[key]) if key in hedges() else None
    if fig.fraction:
        return "exact", hedges()["exact"]
    return None


def judge(stated: float, true: float, bounds: tuple[float, float]) -> str:
    if stated <= 0:
        return "unclear"
    ratio = true / stated
    low, high = bounds
    if low <= ratio <= high:
        return "consistent"
    if low / MARGIN <= ratio <= high * MARGIN:
        return "unclear"
    return "inconsistent"


def _parts_named_by(summary: Fig, figs: list[Fig], text: str) -> list[Fig]:
    """The sentence of precise shares whose measures the summary's words name, when there is one."""
    lo, hi = _sentence_of(summary, text)
    words = re.split(r"[:;]|\d", text[summary.end:hi], maxsplit=1)[0]
    best: list[Fig] = []
    for group in _same_sentence(figs, text):
        if summary in group:
            group = [f for f in group if f.start > summary.end]  # 'more than a third ...: A 21.4 %, B 15.2 %'
        shares = [f for f in group if f.percent]
        parts = [f for f in shares if not f.approx and not f.fraction and f.measure]
        if len(parts) < 2 or len(parts) != len(shares):
            continue  # a sentence mixing named and unnamed shares is not a list of parts
        named = [f for f in parts if mentions(words, f.measure)]
        if len(named) == len(parts) and len({f.measure for f in named}) == len(named):
            best = max(best, named, key=len)
    return _distinct(best) if len(best) >= 2 else []


def hedged_summary(figs: list[Fig], text: str) -> list[Check]:
    out = []
    for summary in figs:
        hedge = hedge_of(summary) if summary.percent else None
        if hedge is None:
            continue
        parts = _parts_named_by(summary, figs, text)
        if not parts:
            continue
        total = sum(f.value for f in parts)
        status = judge(summary.value, total, hedge[1])
        terms = " + ".join(f"{f.measure} {f.shown}" for f in parts)
        said = f"“{summary.text}” ({fmt(summary.value)} %)"
        if status == "consistent":
            why = f"{said} fits the parts it sums up: {terms} = {fmt(total)} %"
        elif status == "unclear":
            why = f"{said} is at the edge of what its hedge allows for {terms} = {fmt(total)} %"
        else:
            why = f"{said} does not match the parts it sums up: {terms} = {fmt(total)} %"
        out.append(_check("hedged_summary", "hedged_summary", status, [summary, *parts], why))
    return out


APPOSITION = re.compile(r"^\s*(?:of\s[^.;:\d,]{0,50})?,\s*$")
"""'More than half of patients, 46.3 percent,': only 'of' and what it is a share of between them."""
CLOSED = re.compile(r"^\s*[,)—–]")


def hedged_apposition(figs: list[Fig], text: str) -> list[Check]:
    """'More than half of patients, 46.3 percent, were seen within an hour': a hedged share
    restated precisely beside it must be what the hedge allows."""
    out = []
    for summary, precise in zip(figs, figs[1:]):
        hedge = hedge_of(summary) if summary.percent else None
        if hedge is None or not precise.percent or precise.approx or precise.fraction:
            continue
        if not APPOSITION.match(text[summary.end:precise.start]) or not re.search(r"%|per ?cent", precise.text):
            continue
        if not CLOSED.match(text[precise.end:precise.end + 3]):
            continue  # 'about half were tenants, 64 percent had lived there a decade': a list, not a restatement
        status = judge(summary.value, precise.value, hedge[1])
        said = f"“{summary.text}” ({fmt(summary.value)} %)"
        why = {"consistent": f"{said} fits the figure given beside it, {precise.shown}",
               "unclear": f"{said} is at the edge of what its hedge allows for {precise.shown}",
               "inconsistent": f"{said} does not fit the figure given beside it, {precise.shown}"}[status]
        out.append(_check("hedged_summary", "hedged_apposition", status, [summary, precise], why))
    return out
