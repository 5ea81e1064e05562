"""Pair quotation marks into quoted spans, paragraph by paragraph.

Works on the raw text (no NLP) so it survives what parsers stumble on: curly, straight, guillemet
and doubled-apostrophe marks, single quotes nested in double ones, apostrophes inside words,
a closing mark that is missing or of another kind, and quotes that run over several paragraphs
(an opening mark at each paragraph, the closing one only at the last): each paragraph's part is
its own span. One pass over the text, linear in its length.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

DOUBLE_OPEN = "“„«"
DOUBLE_CLOSE = "”»"
SINGLE_OPEN = "‘‚‹"
SINGLE_CLOSE = "’›"
STRAIGHT = "\"'`"
MARK_RE = re.compile(r"''|``|[\"'`“”„«»‘’‚‹›]")
# markup such as <tweet author="..."> holds attribute values, not speech
TAG_RE = re.compile(r"</?[A-Za-z][^<>\n]{0,400}>")
# 'em, 'til, '90s: an apostrophe that opens a word, not a quote
ELISION_RE = re.compile(r"(?:em|til|cause|n|tis|twas|\d0s|\d\d)\b", re.I)
OPENERS = "([{—–-/"
DOUBLES = ("double", "straight")


@dataclass(frozen=True)
class Mark:
    pos: int
    length: int
    family: str  # "double" (curly, guillemets), "straight" (" and ''), or "single"
    role: str  # "open", "close" or "either"


@dataclass(frozen=True)
class QuoteSpan:
    """Text between a pair of marks: `start`/`end` delimit the words, `open`/`close` the marks too."""

    start: int
    end: int
    open: int
    close: int
    closed: bool  # False when the paragraph ended before a closing mark
    continues: bool  # the quote goes on in the next paragraph


def _flanks(text: str, pos: int, length: int) -> tuple[bool, bool]:
    """(left-flanking, right-flanking): can the mark open (word after it) or close (word before it)."""
    before = text[pos - 1] if pos > 0 else " "
    after = text[pos + length] if pos + length < len(text) else " "
    left = not after.isspace() and (before.isspace() or before in OPENERS or before in DOUBLE_OPEN + SINGLE_OPEN + '"')
    right = not before.isspace() and (after.isspace() or not after.isalnum())
    return left, right


def _classify(text: str, m: re.Match) -> Mark | None:
    s, pos, n = m.group(), m.start(), len(m.group())
    left, right = _flanks(text, pos, n)
    before = text[pos - 1] if pos > 0 else " "
    after = text[pos + n] if pos + n < len(text) else " "
    if s in ("''", "``"):
        role = "open" if s == "``" or (left and not right) else "close" if right and not left else "either"
        return Mark(pos, n, "straight", role)
    if s == '"':
        role = "open" if left and not right else "close" if right and not left else "either"
        return Mark(pos, n, "straight", role)
    if s in DOUBLE_OPEN or s in DOUBLE_CLOSE or s == '"':
        nominal = "open" if s in DOUBLE_OPEN else "close" if s in DOUBLE_CLOSE else "either"
        if s == "«" or s == "»":
            return Mark(pos, n, "double", nominal)
        if s in DOUBLE_CLOSE and (pos == 0 or before == "\n"):
            return Mark(pos, n, "double", "open")  # `” … he delivered a mix ...,” X wrote.`: nothing to close at a paragraph's start
        if left and not right:
            return Mark(pos, n, "double", "open")
        if right and not left:
            return Mark(pos, n, "double", "close")
        return Mark(pos, n, "double", nominal)
    # single marks: most are apostrophes
    if before.isalnum() and after.isalnum():
        return None  # don't, Macron’s
    if left and not right:
        if s != "‘" and ELISION_RE.match(text, pos + n):
            return None
        return Mark(pos, n, "single", "open")
    if right and not left:
        return Mark(pos, n, "single", "close")
    return None


def _paragraphs(text: str):
    """(start, end) of each non-empty line."""
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            yield pos, pos + len(line)
        pos += len(line) + 1


def _masked(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in TAG_RE.finditer(text)]


def _span(text: str, open_mark: Mark, close_pos: int, close_len: int, closed: bool, continues: bool) -> QuoteSpan | None:
    start, end = open_mark.pos + open_mark.length, close_pos
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end <= start or not any(c.isalnum() for c in text[start:end]):
        return None
    return QuoteSpan(start, end, open_mark.pos, close_pos + close_len, closed, continues)


def _can_open(marks: list[Mark], i: int) -> bool:
    """Can this mark open a quote? Not a stray closing mark; a single opening mark only when a
    single closing mark follows (most single marks are apostrophes)."""
    mk = marks[i]
    if mk.role == "close" or (mk.role == "either" and mk.family != "straight"):
        return False
    return mk.family != "single" or any(m.family == "single" and m.role == "close" for m in marks[i + 1:])


def _other_family(mk: Mark, opened: Mark, depth: int, other: int) -> tuple[bool, int]:
    """A mark of another family than the open quote's: (skip it, nested quotes of the other
    double kind still open). Single marks inside double ones are nested quotes or apostrophes;
    the other double kind opens a nested quote, or closes one of a writer who mixed `“` and `"`."""
    if not (mk.family in DOUBLES and opened.family in DOUBLES):
        return True, other
    if mk.role == "open":
        return True, other + 1
    if other:
        return True, other - 1
    return bool(depth), other


def _closes_ahead(marks: list[Mark], i: int, family: str) -> int:
    """Closing marks of `family` after mark `i`, up to the next opening one of it."""
    closes = 0
    for m in marks[i + 1:]:
        if m.family != family:
            continue
        if m.role == "open":
            break
        closes += 1
    return closes


def _pair(text: str, marks: list[Mark], para_end: int, next_opens: bool) -> list[QuoteSpan]:
    """Pair the marks of one paragraph; inner quotes stay part of the outer one."""
    out: list[QuoteSpan] = []
    opened: Mark | None = None
    depth = other = 0
    for i, mk in enumerate(marks):
        if opened is None:
            if _can_open(marks, i):
                opened, depth, other = mk, 0, 0
            continue
        if mk.family != opened.family:
            skip, other = _other_family(mk, opened, depth, other)
            if skip:
                continue
        if mk.role == "open":
            # nested quote of the same kind, or a missing closing mark: nested when two closes follow
            if _closes_ahead(marks, i, opened.family) >= 2 + depth:
                depth += 1
                continue
            out.append(_span(text, opened, mk.pos, 0, False, False))
            opened, depth, other = mk, 0, 0
        elif depth:
            depth -= 1
        else:
            out.append(_span(text, opened, mk.pos, mk.length, True, False))
            opened = None
    if opened is not None:
        out.append(_span(text, opened, para_end, 0, False, next_opens))
    return [sp for sp in out if sp is not None]


def find_spans(text: str) -> list[QuoteSpan]:
    """Every quoted span of the text, in order."""
    masked = _masked(text)
    tag_starts = [a for a, _ in masked]
    paras = list(_paragraphs(text))
    per_para: list[list[Mark]] = []
    for ps, pe in paras:
        marks = []
        for m in MARK_RE.finditer(text, ps, pe):
            k = bisect_right(tag_starts, m.start()) - 1
            if k >= 0 and m.start() < masked[k][1]:
                continue  # inside markup
            mk = _classify(text, m)
            if mk:
                marks.append(mk)
        per_para.append(marks)
    out: list[QuoteSpan] = []
    for k, ((ps, pe), marks) in enumerate(zip(paras, per_para)):
        nxt = per_para[k + 1] if k + 1 < len(per_para) else []
        next_opens = bool(nxt) and nxt[0].role != "close" and text[paras[k + 1][0]:nxt[0].pos].strip() == ""
        out.extend(_pair(text, marks, pe, next_opens))
    return out
