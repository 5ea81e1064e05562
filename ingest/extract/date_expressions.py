"""Find date expressions in text: where they are and what they say, not yet which day they mean.

A small regular grammar over the raw text (linear: one pass per pattern), so that offsets are
exact and the extents follow newsroom and TimeML habits (`the end of 1999`, `early April`,
`a year ago`). Deciding *which* day an expression names is `date_resolve`'s job; deciding
whether a bare number or month name is a date at all needs the parse and happens in `dates`.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import replace

from .date_anchors import attach
from .date_words import (MONTHS, ORDINAL_DAYS, WEEKDAYS, Expression, _ago, _anaphora, _calendar, _day_range,
                         _deictic, _month_dir, _month_of_that_year, _month_unit, _offset, _period_year,
                         _season_year, _this_unit, _this_year, _TEENS_TENS, _UNITS, _unit, _weekday, _year_adj,
                         _year_end, _year_range)

__all__ = ["MONTHS", "WEEKDAYS", "Expression", "PATTERNS", "find_expressions"]

# --- building blocks -------------------------------------------------------------------------

_MONTH_FULL = (r"January|February|March|April|May|June|July|August|September|October|November"
               r"|December")
_MONTH_ABBR = r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"
MON = rf"(?:(?:{_MONTH_FULL})(?![\w-])|(?:{_MONTH_ABBR})\.|(?:{_MONTH_ABBR})(?=\s+\d))"
WD = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?!\w)"
DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?![\w])"
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
    # the 1988 period: the year, kept whole (TimeML's extent)
    ("year_period", _p(_WORD_START, rf"(?i:the\s+)(?P<y>{YEAR})\s+(?i:period)(?!\w)"), _period_year),
    # for the year / of the full year
    ("the_year", _p(r"(?:(?<=\b[Ff]or )|(?<=\bof ))(?i:the\s+)(?:(?i:full|whole|entire|current)\s+)?",
                    r"(?:(?i:fiscal)\s+)?(?i:year)(?![\w-])(?!\s+(?i:ended|ending)\b)"), _this_year),
    # ten days before (the vote) / the day after (last Tuesday): joined to what follows
    ("offset", _p(_WORD_START, r"(?:(?i:the)\s+|(?P<n>(?i:" + NUM + r"))[\s-]+)",
                  r"(?P<unit>(?i:day|week|month|year))s?\s+(?P<dir>(?i:before|after|prior\s+to|ahead\s+of))",
                  r"(?=\s+(?i:the\s+\w|last\s|next\s|this\s|[A-Z0-9]))"), _offset),
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
    "year_end": (_UNIT_WORD,), "offset": (_UNIT_WORD,), "year_period": (_YEAR4,),
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
    return attach(kept, text)


def _trim(e: Expression) -> Expression:
    """Drop trailing spaces and commas a pattern may have swallowed."""
    text = e.text.rstrip(" ,\n")
    return replace(e, text=text, end=e.start + len(text)) if text != e.text else e
