"""Find date expressions in text: where they are and what they say, not yet which day they mean.

A small regular grammar over the raw text (linear: one pass per pattern), so that offsets are
exact and the extents follow newsroom and TimeML habits (`the end of 1999`, `early April`,
`a year ago`). Deciding *which* day an expression names is `date_resolve`'s job; deciding
whether a bare number or month name is a date at all needs the parse and happens in `dates`.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, replace

from . import wordlists as wl

MONTHS = {w: int(v) for w, v in wl.numbers("numbers/months").items()}
WEEKDAYS = {w: int(v) for w, v in wl.numbers("numbers/weekdays").items()}
_SPELLED = {w: int(v) for w, v in wl.numbers("numbers/number_words").items()}
NUMBER_WORDS = {"a": 1, "an": 1, "hundred": 100} | {w: v for w, v in _SPELLED.items() if v >= 1}
_TEENS_TENS = {w: v for w, v in _SPELLED.items() if v >= 10}
_UNITS = {w: v for w, v in _SPELLED.items() if 1 <= v <= 9}


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


# --- building blocks -------------------------------------------------------------------------

_MONTH_FULL = (r"January|February|March|April|May|June|July|August|September|October|November"
               r"|December")
_MONTH_ABBR = r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"
MON = rf"(?:(?:{_MONTH_FULL})(?![\w-])|(?:{_MONTH_ABBR})\.|(?:{_MONTH_ABBR})(?=\s+\d))"
WD = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?!\w)"
DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?![\w])"
ORDINAL_DAYS = {w: int(v) for w, v in wl.numbers("numbers/ordinal_days").items()}
ORDINAL_DAYS.update({f"twenty-{w}": 20 + v for w, v in list(ORDINAL_DAYS.items()) if v < 10})
DAY_WORD = r"(?i:" + "|".join(sorted(ORDINAL_DAYS, key=len, reverse=True)) + r")(?![\w-])"
YEAR = r"(?:1[5-9]\d\d|20\d\d)"
YEAR_END = r"(?![\w%]|[.,:/\u2013-]\d|['\u2019]s)"  # not part of a longer number, a range or a decade
_TENS = r"twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
NUM = (rf"(?:\d{{1,3}}|(?:{_TENS})[\s-](?:one|two|three|four|five|six|seven|eight|nine)(?!\w)"
       r"|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen"
       rf"|{_TENS}|a\s+hundred|several|a\s+few|a\s+couple\s+of|some)")
_SPELLED_TEN = "|".join(_TEENS_TENS)
_SPELLED_UNIT = "|".join(_UNITS)
SPELLED_YEAR = (rf"(?:nineteen|eighteen)[\s-]+(?:(?:{_SPELLED_TEN})(?:[\s-]+(?:{_SPELLED_UNIT}))?|hundred)"
                rf"|two\s+thousand(?:\s+and\s+(?:{_SPELLED_UNIT}|{_SPELLED_TEN}))?"
                rf"(?:[\s-]+(?:{_SPELLED_UNIT}))?")

# modifiers that TimeML keeps inside the extent and that do not change the value we give
_PART = (r"(?:the\s+)?(?:very\s+)?(?:end|beginning|start|middle|close|rest|remainder|turn"
         r"|first\s+half|second\s+half)\s+of\s+|(?:a\s+)?(?:good\s+|large\s+|big\s+)?part\s+of\s+")
_EDGE = r"(?:early|late|mid|earlier|later)(?:\s+|-)"
_PRE = rf"(?P<pre>(?i:{_PART})|(?i:{_EDGE}))?"
DIRECTION = {w: int(v) for w, v in wl.numbers("numbers/date_directions").items()}


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


# --- the patterns ------------------------------------------------------------------------------
# Each pattern has a builder that turns its match into an Expression (or None to reject it).

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


_ANY_YEAR = rf"(?:(?P<y>{YEAR}){YEAR_END}|(?i:(?P<sy>{SPELLED_YEAR}))(?!\w))"
_WD_LEAD = rf"(?:(?:(?i:this\s+coming|this|next|last)\s+)?(?P<wd>{WD}),?\s+)?"
_DIR = r"(?P<dir>(?i:last|next|this\s+coming|this\s+past|this|coming|past|previous|following))"

_WORD_START = r"(?<!\w)"
_HEDGE = r"(?P<hedge>(?i:(?:nearly|almost|about|some|roughly|just|more\s+than|less\s+than|over|only)\s+))?"
_AGO_WORDS = r"(?P<dir>(?i:ago|earlier|later|from\s+now|hence|before(?=\s*[.,;:)]|\s*$)))(?!\w)"
_UNIT_DIR = r"(?P<dir>(?i:last|next|this\s+past|this\s+coming|this|the\s+current|current))"
_QUARTER = (r"(?i:(?:first|second|third|fourth|final|last)(?:\s+(?:two|three))?|[1-4](?:st|nd|rd|th))"
            r"[\s-]+(?i:quarters?|half|halves)")


def _p(*parts: str) -> re.Pattern:
    return re.compile("".join(parts))


# (name, pattern, builder); where two matches overlap the longer wins, so the order only
# breaks ties between matches of the same extent
PATTERNS: list[tuple[str, re.Pattern, callable]] = [
    # 2021-12-12
    ("iso", _p(r"(?<![\w-])", rf"(?P<y>{YEAR})-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])",
               r"(?![\w-])"), _calendar),
    # Nov. 6 to 10 / September 16-19, 2016: two days of one month
    ("mdy_range", _p(_WORD_START, rf"(?P<mon>{MON})\s+(?P<d>{DAY})\s*(?:[-\u2013]|\s(?i:to|through|and)\s)\s*",
                     rf"(?P<d2>{DAY})(?![-\u2013.,]?\d)(?!\s*(?i:%|percent|per\b|points?\b))",
                     rf"(?:,?\s+{_ANY_YEAR})?"), _day_range),
    # Dec. 12, 2021 / Saturday, March 6 / early Sept. 30
    ("mdy", _p(_WORD_START, _PRE, _WD_LEAD, rf"(?P<mon>{MON})\s+(?P<d>{DAY})",
               rf"(?:,?\s+{_ANY_YEAR})?"), _calendar),
    # 12 December 2021 / the 12th of December
    ("dmy", _p(r"(?<![\w,.])", _PRE, _WD_LEAD, rf"(?:the\s+)?(?P<d>{DAY})(?:\s+of)?\s+(?P<mon>{MON})",
               rf"(?:,?\s+{_ANY_YEAR})?"), _calendar),
    # March eighth
    ("m_dayword", _p(_WORD_START, _WD_LEAD, rf"(?P<mon>{MON})\s+(?:the\s+)?(?P<dw>{DAY_WORD})",
                     rf"(?:,?\s+{_ANY_YEAR})?"), _calendar),
    # September 2021 / March of 1986
    ("my", _p(_WORD_START, _PRE, rf"(?P<mon>{MON}),?\s+(?:of\s+)?{_ANY_YEAR}"), _calendar),
    # June last year / March of next year
    ("month_unit", _p(_WORD_START, rf"(?P<mon>{MON})\s+(?:of\s+)?(?P<dir>(?i:this|last|next))\s+(?i:year)(?!\w)"),
     _month_unit),
    # June of that year / early May of the following year
    ("month_of_that_year", _p(_WORD_START, _PRE, rf"(?P<mon>{MON})\s+(?i:of\s+)",
                              r"(?P<dir>(?i:that|the\s+same|the\s+following|the\s+next|the\s+previous"
                              r"|the\s+preceding|the\s+prior))\s+(?i:year)(?!\w)"), _month_of_that_year),
    # last April
    ("month_dir", _p(_WORD_START, _PRE, rf"{_DIR}\s+(?P<mon>{MON})"), _month_dir),
    # September / early April
    ("month", _p(_WORD_START, _PRE, rf"(?P<mon>{MON})"), _calendar),
    # the spring of 1986
    ("season_year", _p(_WORD_START, r"(?i:(?:early|late|mid)[\s-]+)?(?i:spring|summer|autumn|fall|winter)",
                       rf"\s+(?:of\s+)?{_ANY_YEAR}"), _season_year),
    # fiscal 1989
    ("fiscal", _p(_WORD_START, rf"(?i:fiscal(?:\s+year)?)\s+(?P<y>{YEAR}){YEAR_END}"), _calendar),
    # 2018 / the end of 1999 / mid-2020
    ("year", _p(r"(?<![\w$£€#.,/\u2013-])", _PRE, rf"(?P<y>{YEAR}){YEAR_END}"), _calendar),
    # 2008-2016
    ("year_range", _p(r"(?<![\w$£€#.,/-])", rf"(?P<y>{YEAR})[-\u2013](?P<y2>{YEAR})(?![\w%]|[.,]\d)"),
     _year_range),
    # nineteen ninety-six / the year two thousand
    ("spelled_year", _p(_WORD_START, rf"(?i:the\s+year\s+)?(?i:(?P<sy>{SPELLED_YEAR}))(?![\w-])"), _calendar),
    # Friday / last Friday / late Tuesday / the previous Friday
    ("weekday", _p(_WORD_START, _PRE, rf"(?:(?i:the\s+)?{_DIR}\s+)?(?P<wd>{WD})"), _weekday),
    # yesterday / later today
    ("deictic", _p(_WORD_START, _PRE, r"(?P<rel>(?i:yesterday|today|tomorrow))(?!\w)"), _deictic),
    # last year / earlier this month / next week
    ("unit", _p(_WORD_START, _PRE, _UNIT_DIR,
                r"\s+(?P<unit>(?i:week|weekend|month|year|fiscal\s+year))(?!\w)"), _unit),
    # the end of the year / later in the month
    ("this_unit", _p(_WORD_START, r"(?i:(?:the\s+)?(?:end|beginning|start|middle|close|rest|remainder)\s+of",
                     r"|(?:earlier|later)\s+in)\s+(?i:the\s+)(?P<unit>(?i:year|month))(?!\w)"), _this_unit),
    # two years ago / a year earlier / nine months ago
    ("ago", _p(_WORD_START, r"(?<![A-Za-z]-)", _HEDGE, rf"(?P<n>(?i:{NUM}))[\s-]+(?P<unit>(?i:day|week|month|year))s?",
               r"(?:\s+(?i:or\s+so))?\s+", _AGO_WORDS), _ago),
    # the previous year / the following day / the same month
    ("anaphora", _p(_WORD_START, r"(?i:the\s+)(?P<dir>(?i:previous|prior|preceding|following|same))",
                    r"\s+(?P<unit>(?i:year|month|day))(?!\w)"), _anaphora),
    ("next_day", _p(_WORD_START, r"(?i:the\s+)(?P<dir>(?i:next))\s+(?P<unit>(?i:day))(?!\w)"), _anaphora),
    ("day_before", _p(_WORD_START, r"(?i:the\s+)(?P<unit>(?i:day))\s+(?P<after>(?i:before|after))",
                      r"(?=\s*[,.;:)]|\s*$)"), _anaphora),
    ("anaphora_that", _p(_WORD_START, r"(?P<dir>(?i:that))\s+(?P<unit>(?i:year|month|day))(?!\w)"), _anaphora),
    ("unit_before", _p(_WORD_START, r"(?i:the\s+)(?P<unit>(?i:year|month))",
                       r"\s+(?P<after>(?i:before|after|earlier))(?!\w)"), _anaphora),
    # the third quarter of 1990 / the 1988 second quarter (kept whole, valued as the year)
    ("quarter_of", _p(_WORD_START, r"(?i:the\s+)?", _QUARTER, r"\s+(?i:of\s+)(?i:fiscal\s+)?",
                      rf"(?P<y>{YEAR}){YEAR_END}"), _period_year),
    ("year_quarter", _p(_WORD_START, rf"(?i:the\s+)?(?i:fiscal\s+)?(?P<y>{YEAR})\s+",
                        r"(?i:first|second|third|fourth|final)[\s-]+(?i:quarter|half)(?!\w)"), _period_year),
    # for the year / of the full year
    ("the_year", _p(r"(?:(?<=\b[Ff]or )|(?<=\bof ))(?i:the\s+)(?:(?i:full|whole|entire|current)\s+)?",
                    r"(?:(?i:fiscal)\s+)?(?i:year)(?![\w-])"), _this_year),
    # year-earlier results
    ("year_adj", _p(_WORD_START, r"(?i:year)-(?i:earlier|ago)(?!\w)"), _year_adj),
    # by year-end
    ("year_end", _p(_WORD_START, r"(?i:year)(?:-|\s|'s\s)(?i:end)(?!\w)"), _year_end),
]


# --- scanning only where a pattern can match --------------------------------------------------
# Running every pattern over the whole text is most of the date extractor's time. Two facts let
# a pattern skip most of it without changing a single match:
# - No pattern consumes, or looks ahead across, a barrier character (quotes, `?`, `!`, `(`,
#   an em dash...), so every match lies inside one stretch between barriers, and a scan of that
#   stretch alone (ending just after its barrier, so lookaheads see what they saw) finds exactly
#   the matches a scan of the whole text finds there.
# - Every match of a pattern contains each of its gate words (`MON` for month patterns), so a
#   stretch without one of them holds no match of that pattern.
# A new pattern needs its gates here, and must not consume a barrier character;
# tests/test_dates.py compares the result with a scan of the whole text.
_BARRIER = re.compile(r'["\u201c\u201d?!(\[\]{}*<>=@|\\^~+\u2014\u2026\u2022]')
_YEAR4 = r"1[5-9]\d\d|20\d\d"
_MON3 = r"Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec"  # every month name starts so
_WD_FULL = r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
_UNIT_WORD = r"(?i:year|month|week|day|tomorrow)"  # `day` is also in yesterday and today
_SPELLED = r"(?i:nineteen|eighteen|thousand)"
GATES: dict[str, tuple[str, ...]] = {
    "iso": (_YEAR4,), "mdy_range": (_MON3,), "mdy": (_MON3,), "dmy": (_MON3,), "m_dayword": (_MON3,), "my": (_MON3,),
    "month_unit": (_MON3, _UNIT_WORD), "month_of_that_year": (_MON3, _UNIT_WORD), "month_dir": (_MON3,), "month": (_MON3,),
    "season_year": (r"(?i:spring|summer|autumn|fall|winter)",), "fiscal": (_YEAR4,), "year": (_YEAR4,),
    "year_range": (_YEAR4,), "spelled_year": (_SPELLED,), "weekday": (_WD_FULL,),
    "deictic": (_UNIT_WORD,), "unit": (_UNIT_WORD,), "this_unit": (_UNIT_WORD,), "ago": (_UNIT_WORD,),
    "anaphora": (_UNIT_WORD,), "next_day": (_UNIT_WORD,), "day_before": (_UNIT_WORD,),
    "anaphora_that": (_UNIT_WORD,), "unit_before": (_UNIT_WORD,), "quarter_of": (_YEAR4,),
    "year_quarter": (_YEAR4,), "the_year": (_UNIT_WORD,), "year_adj": (_UNIT_WORD,),
    "year_end": (_UNIT_WORD,),
}
_GATE_RES = {g: re.compile(g) for gates in GATES.values() for g in gates}


def _stretches(text: str) -> list[int]:
    """Bounds of the stretches between barriers: stretch k is [bounds[k], bounds[k + 1]), its
    barrier (if any) its last character."""
    return [0] + [m.end() for m in _BARRIER.finditer(text)] + [len(text)]


def _stretches_with(text: str, bounds: list[int], gate: str) -> set[int]:
    """Indices of the stretches in which the gate word occurs."""
    return {bisect_right(bounds, m.start()) - 1 for m in _GATE_RES[gate].finditer(text)}


def _matches(text: str) -> list[tuple[str, re.Match, callable]]:
    """Every pattern's matches, pattern by pattern and in text order within each, scanning
    only the stretches that hold all the pattern's gate words."""
    bounds = _stretches(text)
    seen: dict[str, set[int]] = {}
    out = []
    for name, pattern, build in PATTERNS:
        where = None
        for gate in GATES[name]:
            if gate not in seen:
                seen[gate] = _stretches_with(text, bounds, gate)
            where = seen[gate] if where is None else where & seen[gate]
        for k in sorted(where):
            out.extend((name, m, build) for m in pattern.finditer(text, bounds[k], bounds[k + 1]))
    return out


def find_expressions(text: str) -> list[Expression]:
    """Every date expression in `text`, longest first where two overlap, in text order."""
    found: list[Expression] = []
    for name, m, build in _matches(text):
        e = build(m)
        for x in e if isinstance(e, list) else [e] if e is not None else []:
            found.append(_trim(replace(x, rule=name)))
    found.sort(key=lambda e: (e.start, -(e.end - e.start)))
    kept: list[Expression] = []
    for e in found:
        if kept and e.start < kept[-1].end:
            continue
        kept.append(e)
    return kept


def _trim(e: Expression) -> Expression:
    """Drop trailing spaces and commas a pattern may have swallowed."""
    text = e.text.rstrip(" ,\n")
    return replace(e, text=text, end=e.start + len(text)) if text != e.text else e
