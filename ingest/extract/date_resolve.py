"""Resolve a found date expression to an ISO value: pure calendar arithmetic, no NLP.

Everything relative is counted from an anchor (the publication date, or the frame the text
itself sets); the tense of the sentence decides whether a weekday or a month without a year
lies before or after it.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import MAXYEAR, MINYEAR, date, timedelta

from dateutil.relativedelta import relativedelta

from .date_expressions import Expression


@dataclass(frozen=True)
class Resolved:
    value: str
    precision: str  # day, month, year

    @property
    def year(self) -> int:
        return int(self.value[:4])

    @property
    def month(self) -> int | None:
        return int(self.value[5:7]) if len(self.value) >= 7 else None


@dataclass(frozen=True)
class Context:
    """What resolution needs beyond the expression.

    anchor: the publication date (None when the article has none).
    tense: 'past', 'present', 'future' or 'prospective' (future of a past event) for the clause
      the expression sits in.
    frame_year: a year the text itself set for month and day names without one.
    reference: the date the text last spoke of, for `a year earlier`, `the previous year`.
    lean: what the surrounding words say about direction, when they say anything.
    """

    anchor: date | None
    tense: str = "past"
    frame_year: int | None = None
    reference: Resolved | None = None
    lean: str | None = None  # 'past', 'future' or 'nearest' from the words around (`since`, `payable`)
    event: Resolved | None = None  # the day the text gave the event an offset counts from (`the vote`)
    written_day: bool = False  # the reference is a day written out in the same sentence (`June 30`)


def day(d: date) -> Resolved:
    return Resolved(d.isoformat(), "day")


def month(y: int, m: int) -> Resolved:
    return Resolved(f"{y:04d}-{m:02d}", "month")


def year(y: int) -> Resolved:
    return Resolved(f"{y:04d}", "year")


def add_months(y: int, m: int, n: int) -> tuple[int, int]:
    d = date(y, m, 1) + relativedelta(months=n)
    return d.year, d.month


def valid_day(y: int, m: int, d: int) -> bool:
    return MINYEAR <= y <= MAXYEAR and 1 <= m <= 12 and 1 <= d <= calendar.monthrange(y, m)[1]


def weekday_near(anchor: date, wd: int, direction: str) -> date:
    """The weekday `wd` nearest the anchor in a direction.

    'before': on or before; 'after': on or after; 'strictly_before'/'strictly_after' skip the
    anchor itself; 'nearest': whichever of the two is closer (ties go back).
    """
    back = (anchor.weekday() - wd) % 7
    ahead = (wd - anchor.weekday()) % 7
    if direction == "strictly_before":
        back = back or 7
        return anchor - timedelta(days=back)
    if direction == "strictly_after":
        ahead = ahead or 7
        return anchor + timedelta(days=ahead)
    if direction == "after" or (direction == "nearest" and ahead < back):
        return anchor + timedelta(days=ahead)
    return anchor - timedelta(days=back)


def _direction(ctx: Context, lean: str | None) -> str:
    """'before', 'after' or 'nearest': from the expression's own words, then the words around
    it, then the tense (past and present look back, the future ahead: GUIDELINES)."""
    lean = lean or ctx.lean
    if lean == "past":
        return "before"
    if lean == "future":
        return "after"
    if ctx.tense == "future":
        return "after"  # `will stay closed until Monday`: a word that looks either way yields
    if lean == "nearest":
        return "nearest"
    if ctx.tense == "prospective":
        return "nearest"
    return "before"


def place_in_year(anchor: date, m: int, d: int | None, direction: str) -> int:
    """The year of a month (and day) written without one, seen from the anchor: the latest
    one not after it ('before'), the first not before it ('after'), or the closer ('nearest')."""
    here = (anchor.month, anchor.day if d else 1)
    there = (m, d or 1)
    if direction == "after":
        return anchor.year if there >= here else anchor.year + 1
    if direction == "before":
        return anchor.year if there <= here else anchor.year - 1
    if there == here:
        return anchor.year
    # nearest; ties go back
    def distance(y: int) -> int:
        return abs((date(y, m, min(d or 1, 28)) - date(anchor.year, anchor.month, here[1])).days)
    back = anchor.year if there < here else anchor.year - 1
    return back if distance(back) <= distance(back + 1) else back + 1


def _weekday(e: Expression, ctx: Context) -> Resolved | None:
    a, ref = ctx.anchor, ctx.reference
    if a is None:
        return None
    if e.anaphoric:
        # `the previous Friday`: the one before the day the text was speaking of; with no
        # such day there is nothing to count from
        if ref is None or ref.precision != "day":
            return None
        return day(weekday_near(date.fromisoformat(ref.value), e.weekday,
                                "strictly_before" if e.shift == -1 else "strictly_after"))
    if e.shift == -1:
        return day(weekday_near(a, e.weekday, "strictly_before"))
    if e.shift == 1:
        return day(weekday_near(a, e.weekday, "strictly_after"))
    return day(weekday_near(a, e.weekday, _direction(ctx, e.lean)))


def _deictic(e: Expression, ctx: Context) -> Resolved | None:
    return day(ctx.anchor + timedelta(days=e.offset)) if ctx.anchor else None


def _unit(e: Expression, ctx: Context) -> Resolved | None:
    a = ctx.anchor
    if a is None:
        return None
    if e.month is not None:  # `June last year`
        return month(a.year + e.offset, e.month)
    return _shift(a, e.unit, e.offset)


def _month(e: Expression, ctx: Context) -> Resolved | None:
    a = ctx.anchor
    if a is None:
        return None
    if e.shift == -1:  # `last April`: the latest April before last month (that is `last month`)
        y = a.year if e.month < a.month - 1 else a.year - 1
    elif e.shift == 1:
        y = a.year if e.month > a.month else a.year + 1
    else:  # `this September`
        y = a.year
    return month(y, e.month)


def _the_year(e: Expression, ctx: Context) -> Resolved | None:
    if ctx.frame_year is not None:
        return year(ctx.frame_year)
    return year(ctx.anchor.year) if ctx.anchor else None


def _year_end(e: Expression, ctx: Context) -> Resolved | None:
    """`by year-end`: this year's end, valued as the year; `since year-end`: last year's."""
    a = ctx.anchor
    if a is None:
        return None
    return year(a.year - 1 if ctx.lean == "past" else a.year)


def _ago_kind(e: Expression, ctx: Context) -> Resolved | None:
    return _ago(ctx.anchor, e.unit, e.offset) if ctx.anchor else None


def _anaphora(e: Expression, ctx: Context) -> Resolved | None:
    a, ref = ctx.anchor, ctx.reference
    if ref is None and e.month is not None:
        return None  # `June of that year` with no year before it
    if ref is None:
        # `a year earlier` with nothing before it counts from publication; `the following
        # month` with nothing before it cannot be placed
        return _shift(a, e.unit, e.offset) if a and e.offset <= 0 and e.unit != "day" else None
    if e.month is not None:  # `June of that year`
        return month(ref.year + e.offset, e.month)
    if ctx.written_day and e.unit in ("year", "month") and e.offset < 0:
        # `in the nine months to June 30 ..., down from $9 million a year earlier`
        return day(date.fromisoformat(ref.value) + relativedelta(**{f"{e.unit}s": e.offset}))
    return _shift_resolved(ref, e.unit, e.offset)


def _anchored(e: Expression, ctx: Context) -> Resolved | None:
    """`the day before last Tuesday`, `two weeks after June 3`: a step from the date it names."""
    base = resolve(e.anchor, ctx) if e.anchor is not None else None
    return _step_from(base, e.unit, e.offset) if base is not None else None


def _event_offset(e: Expression, ctx: Context) -> Resolved | None:
    """`ten days before the vote`: a step from the day the text gave that event, if it gave one."""
    return _step_from(ctx.event, e.unit, e.offset) if ctx.event is not None else None


def _step_from(base: Resolved, unit: str, n: int) -> Resolved | None:
    """`ten days before` a day is a day, `two weeks after` it too; months and years step at
    the precision the base has."""
    if unit in ("day", "week") and base.precision == "day":
        return day(date.fromisoformat(base.value) + relativedelta(**{f"{unit}s": n}))
    return _shift_resolved(base, unit, n)


# kind -> resolver: each kind of expression (see `Expression`) is placed by one small function
RESOLVERS = {
    "calendar": lambda e, ctx: _calendar(e, ctx),
    "weekday": _weekday,
    "deictic": _deictic,
    "unit": _unit,
    "month": _month,
    "the_year": _the_year,
    "year_end": _year_end,
    "ago": _ago_kind,
    "anaphora": _anaphora,
    "anchored": _anchored,
    "event_offset": _event_offset,
}


def resolve(e: Expression, ctx: Context) -> Resolved | None:
    """The ISO value of an expression, or None when it cannot be placed."""
    resolver = RESOLVERS.get(e.kind)
    return resolver(e, ctx) if resolver else None


def _calendar(e: Expression, ctx: Context) -> Resolved | None:
    if e.year is not None:
        if e.month is None:
            return year(e.year)
        if e.day is None:
            return month(e.year, e.month)
        return day(date(e.year, e.month, e.day)) if valid_day(e.year, e.month, e.day) else None
    if e.month is None:
        return None
    if ctx.frame_year is not None:
        y = ctx.frame_year
    elif ctx.anchor is not None:
        direction = _direction(ctx, e.lean)
        y = place_in_year(ctx.anchor, e.month, e.day, direction)
        if e.day is None:
            y = _next_month_ahead(ctx.anchor, e.month, y, direction)
        elif not valid_day(y, e.month, e.day):
            pass  # a day this year lacks (Feb. 29): nothing to weigh
        elif direction == "before" and valid_day(y + 1, e.month, e.day):
            # newsroom style drops the year only for dates near publication: a date in a
            # past-tense clause that would be most of a year back but is only weeks ahead is
            # the one ahead (`declared a dividend, payable Dec. 7`)
            back = (ctx.anchor - date(y, e.month, e.day)).days
            ahead = (date(y + 1, e.month, e.day) - ctx.anchor).days
            if back > 183 and ahead <= 62:
                y += 1
        elif direction == "after" and valid_day(y - 1, e.month, e.day):
            # the mirror case: a future-tense sentence that names a day just gone by (`will
            # leave ..., ahead of the deadline on Dec. 20` in a Dec. 30 paper) means that day,
            # not the same day most of a year ahead
            ahead = (date(y, e.month, e.day) - ctx.anchor).days
            back = (ctx.anchor - date(y - 1, e.month, e.day)).days
            if ahead > 183 and back <= 31:
                y -= 1
    else:
        return None
    if e.day is None:
        return month(y, e.month)
    if e.weekday is not None and ctx.frame_year is None:
        # `Saturday, May 1`: the weekday says which year, when the year nearest is not it
        fits = [c for c in (y, y - 1, y + 1) if valid_day(c, e.month, e.day)
                and date(c, e.month, e.day).weekday() == e.weekday]
        y = fits[0] if fits else y
    return day(date(y, e.month, e.day)) if valid_day(y, e.month, e.day) else None


def _next_month_ahead(anchor: date, m: int, y: int, direction: str) -> int:
    """Newsroom style drops the year of a month only near publication: a past-tense sentence in
    an August paper that names September (`told the companies of a cutback in September`) means
    the September ahead, not the one eleven months back (that one is `last September`)."""
    if direction != "before" or y != anchor.year - 1:
        return y
    ahead = (date(anchor.year, m, 1) - anchor).days
    return anchor.year if 0 < ahead <= 31 else y


def _shift(a: date, unit: str, n: int) -> Resolved:
    """A calendar step from a day, at the precision the unit gives: days name a day, weeks and
    months a month, years a year."""
    d = a + relativedelta(**{f"{unit}s": n}) if unit in ("day", "week", "month", "year") else a
    if unit == "day":
        return day(d)
    if unit in ("week", "month"):
        return month(d.year, d.month)
    return year(d.year)


def _ago(a: date, unit: str, n: int) -> Resolved:
    """`two weeks ago` names a day, `nine months ago` a month, `a year ago` a year."""
    if unit == "week":
        return day(a + relativedelta(weeks=n))
    return _shift(a, unit, n)


def _shift_resolved(ref: Resolved, unit: str, n: int) -> Resolved | None:
    """Count from a date the text gave, at the precision it allows."""
    if unit == "year":
        return year(ref.year + n)
    if unit == "month" and ref.month is not None:
        return month(*add_months(ref.year, ref.month, n))
    if unit in ("day", "week") and ref.precision == "day":
        return _shift(date.fromisoformat(ref.value), unit, n)
    return None  # `the next day` after a month: no day to count from
