"""What a date expression says, and the builders that read it off a pattern's match: `Expression`
(a frozen record of one expression as written), the month, weekday and number words, and one
builder per kind of pattern (`date_expressions.PATTERNS` names which builder reads which match).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import wordlists as wl

MONTHS = {w: int(v) for w, v in wl.numbers("numbers/months").items()}
WEEKDAYS = {w: int(v) for w, v in wl.numbers("numbers/weekdays").items()}
_WORD_VALUES = {w: int(v) for w, v in wl.numbers("numbers/number_words").items()}
NUMBER_WORDS = {"a": 1, "an": 1, "hundred": 100} | {w: v for w, v in _WORD_VALUES.items() if v >= 1}
_TEENS_TENS = {w: v for w, v in _WORD_VALUES.items() if v >= 10}
_UNITS = {w: v for w, v in _WORD_VALUES.items() if 1 <= v <= 9}
ORDINAL_DAYS = {w: int(v) for w, v in wl.numbers("numbers/ordinal_days").items()}
ORDINAL_DAYS.update({f"twenty-{w}": 20 + v for w, v in list(ORDINAL_DAYS.items()) if v < 10})
DIRECTION = {w: int(v) for w, v in wl.numbers("numbers/date_directions").items()}


@dataclass(frozen=True)
class Expression:
    """One date expression as written.

    kind:
      calendar  explicit fields (year, month, day; any may be missing): `Dec. 12`, `2018`
      weekday   a day of the week, `shift` -1 (last), +1 (next), None (tense decides)
      deictic   yesterday/today/tomorrow: `offset` days from publication
      unit      this/last/next week, month or year: `offset` units from publication
      month     a month name with last/this/next: `shift`
      ago       `offset` units from publication (`two years ago`, `in three months`)
      anaphora  `offset` units from the date the text last spoke of (`a year earlier`, `that year`,
                `the next day`)
      year_end  `year-end`, `year's end`: the end of the current (or, after `since`, the last) year
      the_year  `for the year`, `the final months of the year`: the sentence's year, else this one
      offset    `ten days before`, waiting for what it counts from (`anchors.py` makes it one of:)
      anchored  `offset` units from the date expression after it (`the day before last Tuesday`)
      event_offset  `offset` units from an event the text dated (`ten days before the vote`)
    lean: 'past' or 'future' when the words themselves say (`earlier`, `later`, `ago`).
    """

    start: int
    end: int
    text: str
    kind: str
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    unit: str | None = None
    offset: int = 0
    shift: int | None = None
    lean: str | None = None
    modified: bool = False  # carries a modifier like `early`, `the end of`
    anaphoric: bool = False  # counts from the date the text last gave (`the previous Friday`)
    evident: bool = False  # the form alone shows it is a date (`2008-2016`), whatever the tagger says
    rule: str = ""  # the name of the pattern that found it (`mdy`, `weekday`): what a wrong date blames
    anchor: Expression | None = None  # for `anchored`: the date the step counts from (`last Tuesday`)
    event: str | None = None  # for `event_offset`: the noun of the event it counts from (`vote`)


def _num(word: str) -> int | None:
    w = " ".join(word.lower().split())
    if w.isdigit():
        return int(w)
    tens, _, unit = w.replace("-", " ").partition(" ")
    if tens in _TEENS_TENS and unit in _UNITS:
        return _TEENS_TENS[tens] + _UNITS[unit]  # seventy-four
    if w in ("a hundred",):
        return 100
    if w in ("a couple of",):
        return 2
    return NUMBER_WORDS.get(w)


def month_number(word: str) -> int:
    return MONTHS[word.lower().rstrip(".")]


def spelled_year(words: str) -> int | None:
    """`nineteen ninety-six` -> 1996, `two thousand` -> 2000 (broadcast transcripts spell years)."""
    ws = re.split(r"[\s-]+", words.lower())
    if ws[:2] == ["two", "thousand"]:
        rest = [w for w in ws[2:] if w != "and"]
        return 2000 + sum(_TEENS_TENS.get(w, _UNITS.get(w, 0)) for w in rest)
    if ws[0] in ("nineteen", "eighteen"):
        century = 1900 if ws[0] == "nineteen" else 1800
        if ws[1:] == ["hundred"]:
            return century
        return century + sum(_TEENS_TENS.get(w, _UNITS.get(w, 0)) for w in ws[1:])
    return None


# --- the builders: each turns a pattern's match into an Expression (or None to reject it) -----

def _year_of(m: re.Match, group: str = "y") -> int | None:
    y = m.groupdict().get(group)
    if y:
        return int(y)
    s = m.groupdict().get("sy")
    return spelled_year(s) if s else None


def _day_of(m: re.Match) -> int | None:
    d = m.groupdict().get("d")
    if d:
        return int(re.match(r"\d+", d).group())
    dw = m.groupdict().get("dw")
    return ORDINAL_DAYS.get(dw.lower()) if dw else None


def _calendar(m: re.Match) -> Expression | None:
    g = m.groupdict()
    month = month_number(g["mon"]) if g.get("mon") else (int(g["m"]) if g.get("m") else None)
    wd = WEEKDAYS[g["wd"].lower()] if g.get("wd") else None
    return Expression(m.start(), m.end(), m.group(), "calendar", year=_year_of(m), month=month,
                      day=_day_of(m), weekday=wd, modified=bool(g.get("pre")))


def _day_range(m: re.Match) -> list[Expression]:
    """`Nov. 6 to 10`: the first day as written, the second a day of the same month (and of
    the year written after it, which both share)."""
    first, last = _day_of(m), int(re.match(r"\d+", m.group("d2")).group())
    if last <= first:
        return []
    month, year = month_number(m.group("mon")), _year_of(m)
    return [Expression(m.start(), m.end("d"), m.group()[:m.end("d") - m.start()], "calendar", year=year,
                       month=month, day=first),
            Expression(m.start("d2"), m.end(), m.group()[m.start("d2") - m.start():], "calendar",
                       year=year, month=month, day=last)]


def _weekday(m: re.Match) -> Expression:
    g = m.groupdict()
    shift = DIRECTION.get(" ".join(g["dir"].lower().split())) if g.get("dir") else None
    if shift == 0:
        shift = None  # `this Friday`: the tense decides
    pre = (g.get("pre") or "").lower()
    lean = "past" if pre.startswith("earlier") else "future" if pre.startswith("later") else None
    anaphoric = bool(g.get("dir")) and g["dir"].lower() in ("previous", "following", "preceding")
    if anaphoric and not m.group().lower().startswith("the"):
        # `Following Monday's debate`: a preposition, not `the following Monday`
        return Expression(m.start("wd"), m.end("wd"), m.group("wd"), "weekday",
                          weekday=WEEKDAYS[g["wd"].lower()])
    return Expression(m.start(), m.end(), m.group(), "weekday", weekday=WEEKDAYS[g["wd"].lower()],
                      shift=shift, lean=lean, modified=bool(pre), anaphoric=anaphoric)


def _deictic(m: re.Match) -> Expression:
    word = m.group("rel").lower()
    offset = {"yesterday": -1, "today": 0, "tomorrow": 1}[word]
    return Expression(m.start(), m.end(), m.group(), "deictic", offset=offset,
                      modified=bool(m.group("pre")))


def _unit(m: re.Match) -> Expression | None:
    g = m.groupdict()
    d = " ".join(g["dir"].lower().split())
    unit = g["unit"].lower().replace("fiscal ", "")
    if unit == "weekend":
        unit = "week"
    offset = DIRECTION[d]
    pre = (g.get("pre") or "").lower()
    lean = "past" if pre.startswith("earlier") else "future" if pre.startswith("later") else None
    return Expression(m.start(), m.end(), m.group(), "unit", unit=unit, offset=offset, lean=lean,
                      modified=bool(pre))


def _this_unit(m: re.Match) -> Expression:
    """`the end of the year` (the sentence's year, else this one), `later in the month`."""
    unit = m.group("unit").lower()
    kind = "the_year" if unit == "year" else "unit"
    return Expression(m.start(), m.end(), m.group(), kind, unit=unit, offset=0, modified=True)


def _month_dir(m: re.Match) -> Expression:
    g = m.groupdict()
    d = " ".join(g["dir"].lower().split())
    return Expression(m.start(), m.end(), m.group(), "month", month=month_number(g["mon"]),
                      shift=DIRECTION[d], modified=bool(g.get("pre")))


def _month_unit(m: re.Match) -> Expression:
    """`January this year`, `June last year`."""
    d = " ".join(m.group("dir").lower().split())
    return Expression(m.start(), m.end(), m.group(), "unit", unit="year", offset=DIRECTION[d],
                      month=month_number(m.group("mon")))


def _month_of_that_year(m: re.Match) -> Expression:
    """`June of that year`: the month in the year the text last spoke of (or the one after,
    before)."""
    d = " ".join(m.group("dir").lower().split()).removeprefix("the ")
    offset = {"that": 0, "same": 0, "following": 1, "next": 1}.get(d, -1)
    return Expression(m.start(), m.end(), m.group(), "anaphora", unit="year", offset=offset,
                      month=month_number(m.group("mon")), modified=bool(m.group("pre")))


def _ago(m: re.Match) -> Expression | None:
    n = _num(m.group("n"))
    if n is None:
        return None  # `several years ago`: vague
    word = m.group("dir").lower()
    sign = 1 if word in ("from now", "later", "hence", "after") else -1
    unit = m.group("unit").lower()
    if word in ("ago", "from now", "hence"):
        return Expression(m.start(), m.end(), m.group(), "ago", unit=unit, offset=sign * n)
    if m.group("hedge"):
        return None  # `almost 30 years later`: an approximate span of time, not a date
    return Expression(m.start(), m.end(), m.group(), "anaphora", unit=unit, offset=sign * n)


def _anaphora(m: re.Match) -> Expression:
    g = m.groupdict()
    word = " ".join((g.get("dir") or g.get("after") or "").lower().split())
    offset = {"previous": -1, "prior": -1, "preceding": -1, "before": -1, "earlier": -1,
              "following": 1, "next": 1, "after": 1, "later": 1, "same": 0, "that": 0}[word]
    return Expression(m.start(), m.end(), m.group(), "anaphora", unit=g["unit"].lower(), offset=offset)


def _period_year(m: re.Match) -> Expression:
    """`the third quarter of 1990`: a part of a year (quarters are optional in the gold); kept
    whole so that its year is not taken for a date of its own."""
    return Expression(m.start(), m.end(), m.group(), "calendar", year=int(m.group("y")), modified=True)


def _this_year(m: re.Match) -> Expression:
    """`for the year`, `of the full year`: the year the sentence speaks of, else the current one."""
    return Expression(m.start(), m.end(), m.group(), "the_year", unit="year")


def _year_range(m: re.Match) -> list[Expression]:
    """`2008-2016`: two years, each a date of its own."""
    a, b = int(m.group("y")), int(m.group("y2"))
    if b <= a:
        return []
    return [Expression(m.start("y"), m.end("y"), m.group("y"), "calendar", year=a, evident=True),
            Expression(m.start("y2"), m.end("y2"), m.group("y2"), "calendar", year=b, evident=True)]


def _offset(m: re.Match) -> Expression | None:
    """`ten days before`, `the day after`, `two weeks prior to`: a step that counts from what
    follows (`anchors.attach` joins it to that, or drops it)."""
    n = _num(m.group("n")) if m.group("n") else 1
    if n is None:
        return None
    sign = -1 if m.group("dir").lower().split()[0] in ("before", "prior") else 1
    return Expression(m.start(), m.end(), m.group(), "offset", unit=m.group("unit").lower(), offset=sign * n)


def _year_adj(m: re.Match) -> Expression:
    """`year-earlier`, `year-ago` results: the year before publication (the period compared
    is the latest one, whatever date the text gave last)."""
    return Expression(m.start(), m.end(), m.group(), "ago", unit="year", offset=-1)


def _year_end(m: re.Match) -> Expression:
    """`by year-end`: the end of the year, valued as the year (`since year-end`: the last one)."""
    return Expression(m.start(), m.end(), m.group(), "year_end", modified=True)


def _season_year(m: re.Match) -> Expression:
    """`the spring of 1986`: a season is not a date of ours, its year is."""
    return Expression(m.start(), m.end(), m.group(), "calendar", year=_year_of(m), modified=True)
