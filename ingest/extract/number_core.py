"""A number core: a number read from tokens, before its context is added (`figure_cores`
reads them, `figure_filters` and `figure_names` drop those that are no figures, `figure_context`
adds currency, hedge and unit)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Core:
    """A number read from tokens [start, end), before its context is added."""

    start: int
    end: int
    value: float
    kind: str  # digits | words | fraction | vague | ratio
    percent: str | None = None  # 'percent' or 'percentage points'
    currency: str | None = None
    unit: str | None = None
    scaled: bool = False
    raw: float = 0.0
    approx: str | None = None
    text_start: int = 0  # token indices the figure's text spans
    text_end: int = 0
    about: str | None = None
    drop: bool = False
    small_words: bool = False  # a small count written in words (optional in the gold)
    notes: list = field(default_factory=list)
    glued_start: int | None = None  # character offset where the number starts inside its first token
    glued_end: int | None = None  # character offset where it ends inside its last token
    rule: str = ""  # the reader that found it (`digits`, `words`): what a wrong figure blames


def low_at(doc, i: int) -> str:
    return doc[i].lower_ if 0 <= i < len(doc) else ""
