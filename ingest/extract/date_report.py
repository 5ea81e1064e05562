"""The reporting time a sentence gives itself: `said Monday they would meet Saturday`.

A plan reported in the past lies after the moment it was reported, not after publication: in a
Sunday paper, `The unions said on Monday they would strike on Saturday` names the Saturday just
gone, the sixth day after the report. When the verb that reports (or makes) the plan carries a
date of its own, a weekday or a month without a year in the clause it governs, and that clause
looks ahead (`would`, `will`, `planned to`, `postponed until`), is the first such day on or after
that date.

`REPORT_RULES` is the table of what the report date may be and how the plan's date is placed
from it; `link` finds, for each date, the date of the verb that reports it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .date_expressions import Expression
from .date_resolve import Resolved, day, month, place_in_year, weekday_near
from .tense import SPEECH, date_verb, governing_verb

AHEAD_TENSES = {"future", "prospective"}
_CLIMB = {"ccomp", "xcomp", "acl", "relcl", "dobj", "advcl", "conj", "pobj", "nsubj", "nsubjpass"}
"""The links a reported plan hangs from its report by: `said (ccomp) they would meet`, `announced
a plan (dobj) to meet (acl)`, `agreed on Monday to meet (xcomp)`."""


@dataclass(frozen=True)
class Dated:
    """One date found in the text, as the report rules see it."""

    expression: Expression
    span: object  # the spaCy span
    tense: str
    lean: str | None
    value: Resolved | None


def _report_verbs(span) -> list:
    """The verbs above the date's own clause, nearest first, up to the sentence's main verb."""
    verb = date_verb(span)
    out = []
    t = verb
    for _ in range(4):
        if t is None or t.head.i == t.i or t.dep_ not in _CLIMB:
            break
        up = governing_verb(t.head)
        if up is None or up.i == t.i:
            break
        out.append(up)
        t = up
    return out


def link(dated: list[Dated]) -> dict[int, int]:
    """For each date (by index) whose clause hangs from a verb that another date dates
    (`said Monday`), the index of that other date."""
    by_verb: dict[int, int] = {}
    for j, d in enumerate(dated):
        verb = date_verb(d.span)
        if verb is not None and d.value is not None and d.tense == "past":
            by_verb.setdefault(verb.i, j)
    out = {}
    for i, d in enumerate(dated):
        for verb in _report_verbs(d.span):
            j = by_verb.get(verb.i)
            if j is not None and j != i:
                out[i] = j
                break
    return out


def _looks_ahead(d: Dated) -> bool:
    return d.lean != "past" and (d.tense in AHEAD_TENSES or d.lean == "future")


def _reported_past(d: Dated, report: Dated) -> bool:
    """`The unions said on Monday they struck on Saturday`: a past clause reported straight by
    a speech verb (not a conjunct: `fell Monday and rose Tuesday` are two days of one week)."""
    verb, said = date_verb(d.span), date_verb(report.span)
    return d.tense == "past" and d.lean != "future" and verb is not None and said is not None \
        and verb.dep_ == "ccomp" and verb.head.i == said.i and said.lemma_.lower() in SPEECH


def weekday_after_report(d: Dated, report: Dated) -> Resolved | None:
    """`said Monday they would meet Saturday`: the first Saturday on or after that Monday."""
    e, r = d.expression, report.value
    if e.kind != "weekday" or e.shift is not None or e.anaphoric or r.precision != "day" or not _looks_ahead(d):
        return None
    return day(weekday_near(date.fromisoformat(r.value), e.weekday, "after"))


def weekday_before_report(d: Dated, report: Dated) -> Resolved | None:
    """`said Monday they struck on Saturday`: the last Saturday on or before that Monday."""
    e, r = d.expression, report.value
    if e.kind != "weekday" or e.shift is not None or e.anaphoric or r.precision != "day" \
            or not _reported_past(d, report):
        return None
    return day(weekday_near(date.fromisoformat(r.value), e.weekday, "before"))


def month_after_report(d: Dated, report: Dated) -> Resolved | None:
    """`said in March it would close the plant in May`, `said on March 3 it would close it in
    May`: the first May on or after the report."""
    e, r = d.expression, report.value
    if e.kind != "calendar" or e.year is not None or e.month is None or e.day is not None:
        return None
    if r.month is None or not _looks_ahead(d):
        return None
    start = date(r.year, r.month, 1)
    return month(place_in_year(start, e.month, None, "after"), e.month)


# (name, rule): tried in order on a date whose clause hangs from a dated report
REPORT_RULES = [
    ("weekday_after_report", weekday_after_report),
    ("weekday_before_report", weekday_before_report),
    ("month_after_report", month_after_report),
]


def after_report(d: Dated, report: Dated) -> tuple[str, Resolved] | None:
    """The rule that places a date from its report's date, and the value it gives."""
    if report.value is None:
        return None
    for name, rule in REPORT_RULES:
        r = rule(d, report)
        if r is not None:
            return name, r
    return None
