"""The time frame a text sets for itself.

A story about 1986 that then says `in May` means May 1986, not the May before publication;
`a year earlier` counts from the date the text was just speaking of. This module remembers the
dates already resolved (in text order) and answers those two questions.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date

from .date_expressions import Expression
from .date_resolve import Resolved
from .tense import governing_verb


def _explicit_year(e: Expression) -> bool:
    return e.kind == "calendar" and e.year is not None


def _specific(e: Expression) -> bool:
    """A year with a month or a season: `September 1986`, `the spring of 1986`."""
    return _explicit_year(e) and (e.month is not None or e.modified)


def _clause_verbs(span) -> set[int]:
    """Token indices of the verb governing a span and of every verb above it."""
    out = set()
    t = span.root
    for _ in range(20):
        if t.pos_ in ("VERB", "AUX"):
            out.add(t.i)
        if t.head == t:
            break
        t = t.head
    return out


def _governing(span) -> int | None:
    verb = governing_verb(span.root)
    return verb.i if verb is not None else None


def _sets_frame(e: Expression, span) -> bool:
    """Whether a year sets the frame for the rest of its sentence: a specific date, a plain
    year the events are placed `in` (not `since 1980`, `than 2018`), or `that year`."""
    if e.kind == "anaphora" and e.unit == "year":
        # `that year`, `the following year` (not the comparison in `from a year earlier`)
        return e.text.lower().startswith(("that", "the"))
    if not _explicit_year(e):
        return False
    if _specific(e):
        return True
    lead = span.doc[span.start - 1].lower_ if span.start > 0 else ""
    return lead in ("in", "during", "of")


def quoted(text: str, offsets: list[int]) -> list[bool]:
    """For each offset (in text order), whether it lies inside quotation marks opened earlier
    in its paragraph: a speaker's `50 years ago` counts from the speaker's day, not the story's.
    One pass over the text."""
    out, depth, straight, pos = [], 0, False, 0
    for offset in offsets:
        for c in text[pos:offset]:
            if c == "\n":
                depth, straight = 0, False
            elif c == "\u201c":
                depth += 1
            elif c == "\u201d":
                depth = max(0, depth - 1)
            elif c == '"':
                straight = not straight
        pos = max(pos, offset)
        out.append(depth > 0 or straight)
    return out


# a period's end, right before the date, with nothing but a noun phrase before it
_ENDED = re.compile(r"^[\w\s,-]*\b(?:ended|ending|that\s+ended|which\s+ended)\s+$")
_JOINERS = {"and", "or", "to", "through", "until", "till", "-", "\u2013", "and early", "and late"}


def shared_years(candidates) -> dict[int, int]:
    """Start offsets of month names that take the year of the date they are joined to:
    `between May and July 2020`, `on March 3 and April 5, 2019`."""
    out: dict[int, int] = {}
    for (e, span), (nxt, _) in zip(candidates, candidates[1:]):
        if not (e.kind == "calendar" and e.year is None and e.month is not None):
            continue
        if nxt.kind != "calendar" or nxt.year is None or nxt.month is None:
            continue
        between = span.doc.text[e.end:nxt.start].strip(" ,").lower()
        if between in _JOINERS:
            out[e.start] = nxt.year
    return out


class Frames:
    """Dates already resolved, in text order, and what they imply for the ones still to come."""

    def __init__(self, candidates: list[tuple[Expression, object]], published: date | None, text: str):
        self.published = published
        self.text = text  # the article text (doc.text would rebuild it from the tokens)
        # sentence start, expression, value, whether it sets a frame, its verb
        self.seen: list[tuple[int, Expression, Resolved, bool, int | None]] = []
        self.last_frame: Resolved | None = None
        self.narrative = self._narrative_year(candidates)
        self.shared = shared_years(candidates)

    def _narrative_year(self, candidates) -> int | None:
        """The one year a story about the past keeps returning to, if there is one.

        Only when every explicit year in the text is that year, it comes up more than once, it
        lies well before publication, and nothing in the text counts from publication day (no
        weekdays, `yesterday` or `last year`): an archive or anniversary story.
        """
        if not candidates:
            return None
        in_quote = quoted(self.text, [e.start for e, _ in candidates])
        if any((e.kind in ("weekday", "unit", "ago") or e.kind == "deictic" and e.offset)
               and not q for (e, _), q in zip(candidates, in_quote)):
            return None  # news of the day: `yesterday`, `last year`, `on Monday` count from publication
        years = Counter(e.year for e, _ in candidates if _explicit_year(e))
        if len(years) != 1:
            return None
        (y, n), = years.items()
        if n < 2:
            return None
        if self.published is not None and y >= self.published.year - 1:
            return None
        return y

    def record(self, e: Expression, span, r: Resolved) -> None:
        frame = _sets_frame(e, span)
        self.seen.append((span.sent.start, e, r, frame, _governing(span)))
        if frame:
            self.last_frame = r

    def year_for(self, e: Expression, span, tense: str) -> int | None:
        """The year a month or day name without one belongs to, when the text sets it."""
        if not (e.kind == "calendar" and e.year is None and e.month is not None
                or e.kind == "the_year"):
            return None
        if e.start in self.shared:
            return self.shared[e.start]
        sent_start = span.sent.start
        above = _clause_verbs(span)
        for s, _prev, r, frame, verb in reversed(self.seen):
            if s != sent_start:
                break
            # the year frames the month when it sits in the month's clause or one above it:
            # `introduced in September 1986, after he stepped down in May`; `the year` takes
            # any year its sentence gives
            if frame and (verb is None or verb in above or e.kind == "the_year"):
                return r.year
        if e.kind == "the_year":
            return None  # only its own sentence frames `the year`
        compared = self._compared_period(e, span)
        if compared is not None:
            return compared
        if self.narrative is not None and tense != "future":
            return self.narrative
        if self.published is None and self.last_frame is not None:
            # no date line: the last year the text placed events in is the only frame there is
            return self.last_frame.year
        return None

    def _compared_period(self, e: Expression, span) -> int | None:
        """`Against the year-earlier period, which ended Sept. 30, the chain lost money`,
        `the year-ago half, the half ending June 30`: the end of a period a year back is
        in that period's year."""
        if not self.seen or e.kind != "calendar" or e.day is None:
            return None
        s, prev, r, _frame, _verb = self.seen[-1]
        if s != span.sent.start or prev.rule != "year_adj":
            return None
        between = self.text[prev.end:e.start]
        return r.year if len(between) <= 60 and _ENDED.search(between) else None

    def reference_for(self, e: Expression, span) -> Resolved | None:
        """The date `a year earlier` or `the previous year` counts from: the last one the text
        gave in this sentence or the two before it (for an expression that `needs_reference`: the
        last one it gave in this paragraph or the two before)."""
        if not (e.kind == "anaphora" or e.anaphoric) or not self.seen:
            return None
        starts = {span.sent.start}
        sent = span.sent
        for _ in range(2):
            if sent.start == 0:
                break
            sent = span.doc[sent.start - 1].sent
            starts.add(sent.start)
        s, prev, r, _frame, _verb = self.seen[-1]
        if s in starts or needs_reference(e) and self.text.count("\n\n", prev.end, e.start) <= 2:
            return r
        return None

    def written_day_here(self, e: Expression, span) -> bool:
        """Whether the date `e` counts from is a day the text wrote out in the same sentence
        (`In the nine months to June 30, the brewer made $4 million, from $9 million a year earlier`): the
        comparison is with that day a year back, not with the year."""
        if e.kind != "anaphora" or not self.seen:
            return False
        s, prev, r, _frame, _verb = self.seen[-1]
        return s == span.sent.start and prev.kind == "calendar" and r.precision == "day"


def needs_reference(e: Expression) -> bool:
    """An expression that cannot count from publication: `the previous Friday`, `The following
    month`, `the same day`, `June of that year`. It counts from the last date the text gave, sentences
    back, if no more than two paragraph breaks lie between (`In May, the bakery chain got a bid. ...
    The following month, the chain hired bankers.`); further on, the text has moved on (`you
    will feel terrible the next day`). `a year earlier` with no date near it counts from
    publication instead."""
    if e.anaphoric:
        return True
    return e.kind == "anaphora" and (e.month is not None or e.offset > 0 or e.unit == "day")
