"""The time frame a text sets for itself.

A story about 1986 that then says `in May` means May 1986, not the May before publication;
`a year earlier` counts from the date the text was just speaking of. This module remembers the
dates already resolved (in text order) and answers those two questions.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from datetime import date

from .date_expressions import Expression
from .date_resolve import Resolved


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
        if t.head is t:
            break
        t = t.head
    return out


def _governing(span) -> int | None:
    t = span.root
    for _ in range(20):
        if t.pos_ in ("VERB", "AUX") and t.dep_ not in ("aux", "auxpass"):
            return t.i
        if t.head is t:
            return None
        t = t.head
    return None


def _sets_frame(e: Expression, span) -> bool:
    """Whether an explicit year sets the frame for the rest of its sentence: a specific date,
    or a plain year the events are placed `in` (not `since 1980`, `than 2018`)."""
    if not _explicit_year(e):
        return False
    if _specific(e):
        return True
    lead = span.doc[span.start - 1].lower_ if span.start > 0 else ""
    return lead in ("in", "during", "of")


def inside_quote(text: str, offset: int) -> bool:
    """Whether an offset lies inside quotation marks opened earlier in its paragraph
    (a speaker's `50 years ago` counts from the speaker's day, not the story's)."""
    para = text.rfind("\n", 0, offset) + 1
    before = text[para:offset]
    curly = before.count("\u201c") - before.count("\u201d")
    return curly > 0 or before.count('"') % 2 == 1


class Frames:
    def __init__(self, candidates: list[tuple[Expression, object]], published: date | None):
        self.published = published
        # sentence start, paragraph, expression, value, whether it sets a frame, its verb
        self.seen: list[tuple[int, int, Expression, Resolved, bool, int | None]] = []
        self.newlines: list[int] = []
        if candidates:
            doc = candidates[0][1].doc
            self.newlines = [i for i, c in enumerate(doc.text) if c == "\n"]
        self.narrative = self._narrative_year(candidates)

    def _narrative_year(self, candidates) -> int | None:
        """The one year a story about the past keeps returning to, if there is one.

        Only when every explicit year in the text is that year, it comes up more than once, it
        lies well before publication, and nothing in the text counts from publication day (no
        weekdays, `yesterday` or `last year`): an archive or anniversary story.
        """
        if any((e.kind in ("weekday", "unit", "ago") or e.kind == "deictic" and e.offset)
               and not inside_quote(span.doc.text, e.start) for e, span in candidates):
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

    def paragraph(self, offset: int) -> int:
        return bisect_right(self.newlines, offset)

    def record(self, e: Expression, span, r: Resolved) -> None:
        self.seen.append((span.sent.start, self.paragraph(e.start), e, r, _sets_frame(e, span),
                          _governing(span)))

    def _previous_sentence_start(self, span) -> int | None:
        sent = span.sent
        if sent.start == 0:
            return None
        return span.doc[sent.start - 1].sent.start

    def year_for(self, e: Expression, span, tense: str) -> int | None:
        """The year a month or day name without one belongs to, when the text sets it."""
        if not (e.kind == "calendar" and e.year is None and e.month is not None):
            return None
        sent_start = span.sent.start
        above = _clause_verbs(span)
        for s, _p, prev, r, frame, verb in reversed(self.seen):
            if s != sent_start:
                break
            # the year frames the month when it sits in the month's clause or one above it:
            # `introduced in September 1986, after he stepped down in May`
            if frame and (verb is None or verb in above):
                return r.year
        if self.narrative is not None and tense != "future":
            return self.narrative
        if self.published is None:
            # no date line: the last year the text placed events in is the only frame there is
            for _s, _p, _prev, r, frame, _verb in reversed(self.seen):
                if frame:
                    return r.year
        return None

    def reference_for(self, e: Expression, span) -> Resolved | None:
        """The date `a year earlier` or `the previous year` counts from: the last one the text
        gave in this sentence or the two before it."""
        if not (e.kind == "anaphora" or e.anaphoric) or not self.seen:
            return None
        starts = {span.sent.start}
        sent = span.sent
        for _ in range(2):
            if sent.start == 0:
                break
            sent = span.doc[sent.start - 1].sent
            starts.add(sent.start)
        s, _p, _prev, r, _frame, _verb = self.seen[-1]
        return r if s in starts else None
