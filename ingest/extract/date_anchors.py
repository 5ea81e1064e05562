"""Offsets anchored on another date: `the day before last Tuesday`, `two weeks after June 3`,
`ten days before the vote`.

The `offset` pattern finds the step (`ten days before`); `attach` joins it to the date
expression right after it (an `anchored` expression) or, when a noun follows (`the vote`), to
that event (an `event_offset`, placed from the day the text gave the event, if it gave one).
A step followed by neither is dropped: it counts from nothing we can date.
"""

from __future__ import annotations

import re
from dataclasses import replace

from .date_words import Expression

_EVENT = re.compile(r"\s+the((?:\s+[a-z]+(?![\w-])){1,3})")
_STOP = {"of", "on", "in", "at", "and", "or", "to", "the", "a", "an", "was", "is", "that", "when", "by", "for",
         "with", "from", "as", "but", "had", "has", "were", "are", "will", "would", "his", "her", "its", "their"}
"""Words that end the noun phrase of an event (`the vote on Sunday`: the event is the vote)."""
_WORD = r"(?<![\w-]){}(?![\w-])"


def attach(expressions: list[Expression], text: str) -> list[Expression]:
    """The expressions with each `offset` joined to what it counts from, or left out."""
    out: list[Expression] = []
    i = 0
    while i < len(expressions):
        e = expressions[i]
        nxt = expressions[i + 1] if i + 1 < len(expressions) else None
        i += 1
        if e.kind != "offset":
            out.append(e)
            continue
        if nxt is not None and nxt.kind != "offset" and not text[e.end:nxt.start].strip():
            out.append(replace(e, end=nxt.end, text=text[e.start:nxt.end], kind="anchored", anchor=nxt,
                               rule="anchored"))
            i += 1
            continue
        event = _event_phrase(text, e.end)
        if event is not None:
            end, noun = event
            out.append(replace(e, end=end, text=text[e.start:end], kind="event_offset", event=noun,
                               rule="event_offset"))
    return out


def _event_phrase(text: str, at: int) -> tuple[int, str] | None:
    """`the stock market crash` after a step: where the phrase ends and its last noun (`crash`)."""
    m = _EVENT.match(text, at)
    if not m:
        return None
    end, noun = None, None
    for w in re.finditer(r"[a-z]+", m.group(1)):
        if w.group() in _STOP:
            break
        end, noun = m.start(1) + w.end(), w.group()
    return (end, noun) if noun else None


def event_day(e: Expression, claims) -> object | None:
    """The day the text last gave the event of `e` (`the vote on Sunday`, `Sunday's vote`): the
    latest earlier date claim of day precision in a sentence that names the event's noun."""
    if e.kind != "event_offset" or not e.event:
        return None
    word = re.compile(_WORD.format(re.escape(e.event)), re.I)
    for c in reversed(claims):
        if c.precision == "day" and not c.dateline and word.search(c.sentence):
            return c
    return None
