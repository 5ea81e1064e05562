"""An article's text as paragraphs with every claim marked where it stands.

Claims overlap: a figure stands inside the quote that says it, a date inside a figure's sentence,
an indirect quote around a direct one. The text is cut at every claim boundary; each piece is one
link element for the innermost claim covering it (its `data-claim-id`, linking to the claim's
row), with the classes of every claim around it, so nothing nests a link in a link. The first
piece of each claim carries `id="claim-<id>"`, the place a claim's row links back to. A claim with
no piece of its own (the same span as a smaller or equal claim) gets a small tag after its text.
A paragraph is a non-empty line, as the extractors count them.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from markupsafe import Markup, escape

KIND_ORDER = {"date": 0, "figure": 1, "quote": 2}
"""Between claims of equal length, the innermost is the date, then the figure, then the quote."""

_LINE = re.compile(r"[^\n]+")


@dataclass(frozen=True)
class Mark:
    claim_id: str
    kind: str
    start: int
    end: int
    href: str
    title: str
    speaker_href: str | None = None
    speaker: str | None = None


@dataclass(frozen=True)
class Piece:
    start: int
    end: int
    mark: Mark | None
    around: tuple[str, ...]  # kinds of every claim covering it
    first: bool


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-empty line with something on it."""
    return [(m.start(), m.end()) for m in _LINE.finditer(text) if m.group().strip()]


def _innermost(active: list[Mark]) -> Mark:
    return min(active, key=lambda m: (m.end - m.start, KIND_ORDER.get(m.kind, 9), m.claim_id))


def pieces(start: int, end: int, marks: list[Mark], seen: set[str]) -> list[Piece]:
    """The pieces of text[start:end]; `seen` collects the claims that got a piece of their own.
    `marks` may be every mark of the text or only those that overlap this stretch of it."""
    inside = [m for m in marks if m.start < end and m.end > start and m.end > m.start]
    cuts = sorted({start, end, *(max(start, m.start) for m in inside), *(min(end, m.end) for m in inside)})
    out = []
    for a, b in zip(cuts, cuts[1:]):
        active = [m for m in inside if m.start <= a and m.end >= b]
        mark = _innermost(active) if active else None
        first = mark is not None and mark.claim_id not in seen
        if mark is not None:
            seen.add(mark.claim_id)
        out.append(Piece(a, b, mark, tuple(sorted({m.kind for m in active})), first))
    return out


@dataclass(frozen=True)
class _Index:
    """The marks of a text looked up by paragraph and by end offset, built once per page, so that
    cutting an article into pieces costs its claims once each, not once for every piece of text
    (the article page was quadratic in the claims of one article)."""

    overlapping: dict[int, list[Mark]]  # paragraph number -> marks overlapping it, in given order
    ending: dict[int, list[tuple[int, Mark]]]  # end offset -> (order, mark)
    running_on: dict[int, list[tuple[int, Mark]]]  # paragraph number -> marks starting in it, ending after it


def _index(spans: list[tuple[int, int]], marks: list[Mark]) -> _Index:
    starts = [s for s, _ in spans]
    overlapping: dict[int, list[Mark]] = {}
    ending: dict[int, list[tuple[int, Mark]]] = {}
    running_on: dict[int, list[tuple[int, Mark]]] = {}
    for order, m in enumerate(marks):
        ending.setdefault(m.end, []).append((order, m))
        first = max(bisect_right(starts, m.start) - 1, 0)
        for i in range(first, len(spans)):
            s, e = spans[i]
            if s >= m.end:
                break
            if m.start < e and m.end > s:
                overlapping.setdefault(i, []).append(m)
            if m.end > e and s <= m.start < e:
                running_on.setdefault(i, []).append((order, m))
    return _Index(overlapping=overlapping, ending=ending, running_on=running_on)


def _link(text: str, piece: Piece) -> Markup:
    m = piece.mark
    classes = " ".join(["nf-mark", f"nf-{m.kind}", *(f"nf-in-{k}" for k in piece.around if k != m.kind)])
    anchor = Markup(' id="claim-{}"').format(m.claim_id) if piece.first else ""
    return Markup('<a class="{}" data-claim-id="{}"{} href="{}" title="{}">{}</a>').format(
        classes, m.claim_id, anchor, m.href, m.title, text)


def _tag(m: Mark, first: bool) -> Markup:
    anchor = Markup(' id="claim-{}"').format(m.claim_id) if first else ""
    return Markup('<a class="nf-tag nf-{}" data-claim-id="{}"{} href="{}" title="{}">{}</a>').format(
        m.kind, m.claim_id, anchor, m.href, m.title, m.kind[0])


def _speaker(m: Mark) -> Markup:
    return Markup('<a class="nf-speaker" href="{}" title="Every quote of {}">{}</a>').format(
        m.speaker_href, m.speaker, m.speaker)


def _ending(index: _Index, paragraph: int, piece: Piece, last: bool) -> list[Mark]:
    """The marks that end with this piece (and, after a paragraph's last piece, those that began in
    the paragraph and run past it), in the order they were given."""
    found = index.ending.get(piece.end, [])
    if last and paragraph in index.running_on:
        found = sorted([*found, *index.running_on[paragraph]], key=lambda pair: pair[0])
    return [m for _, m in found]


def render(text: str, marks: list[Mark]) -> list[Markup]:
    """One Markup per paragraph, every claim of `marks` marked (see the module's docstring)."""
    seen: set[str] = set()
    spans = paragraphs(text)
    index = _index(spans, marks)
    cut = [pieces(s, e, index.overlapping.get(i, []), seen) for i, (s, e) in enumerate(spans)]
    tagged = {m.claim_id for m in marks} - seen
    out = []
    for i, parts in enumerate(cut):
        html = []
        for p in parts:
            chunk = escape(text[p.start:p.end])
            html.append(_link(chunk, p) if p.mark else chunk)
            for m in _ending(index, i, p, p.end == spans[i][1]):
                if m.claim_id in tagged:
                    html.append(_tag(m, True))
                    tagged.discard(m.claim_id)
                if m.kind == "quote" and m.speaker_href:
                    html.append(_speaker(m))
        out.append(Markup("").join(html))
    return out
