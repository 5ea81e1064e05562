"""The claims document: the public JSON contract of `newsfacts extract`.

Fact-checkers' tools read it, and extraction events store it, so a rebuild never re-runs NLP.
`python -m newsfacts.schema.claims` (or `newsfacts schema`) prints its JSON Schema.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

QuoteKind = Literal["direct", "partial", "indirect"]
SpeakerKind = Literal["person", "organization", "group", "unknown"]
Precision = Literal["day", "month", "year"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class SpeakerRef(_Model):
    """Who said a quote: the canonical name, and the words the article used near the quote."""

    name: str | None = Field(None, description="Canonical name: the fullest name the article gives.")
    mention: str | None = Field(None, description="The words the article used near the quote (`he`, `the minister`).")
    kind: SpeakerKind | None = None
    anonymous: bool = Field(False, description="An unnamed source (`a spokesperson`, `officials`).")


class Quote(_Model):
    text: str = Field(description="The quoted words, without the quotation marks.")
    kind: QuoteKind
    speaker: SpeakerRef | None = None
    cue: str | None = Field(None, description="The speech verb or phrase (`said`, `according to`).")
    start: int = Field(description="Character offset of `text` in the article text.")
    end: int
    sentence: str | None = None
    attribution: str | None = Field(
        None, description="How the speaker was found: named, pronoun, description, document, "
        "previous_paragraph, according_to, none.")
    rule: str | None = Field(None, description="The extractor rule that found the quote and its speaker "
                             "(`tag`, `ruling`, `colon`, `content_clause`, ...): a wrong quote names its rule.")


class Figure(_Model):
    text: str = Field(description="The figure as written, with its hedge and unit (`around 2,000 officers`).")
    value: float
    unit: str | None = Field(None, description="`percent`, `percentage points`, a currency code, or the counted noun.")
    approx: str | None = Field(None, description="The hedge (`nearly`, `more than`, `up to`).")
    about: str | None = Field(None, description="What the figure measures, where the sentence says.")
    start: int
    end: int
    sentence: str | None = None
    quote: int | None = Field(None, description="Index in `quotes` of the quote the figure stands in.")
    speaker: str | None = Field(None, description="Speaker of that quote.")
    rule: str | None = Field(None, description="The extractor rule that read the number (`digits`, `words`, ...).")


class DateClaim(_Model):
    text: str
    value: str = Field(description="ISO 8601 at the precision given: 2021-12-12, 2021-09 or 2020.")
    precision: Precision
    start: int | None = Field(None, description="Offset in the article text; null for the dateline.")
    end: int | None = None
    sentence: str | None = None
    dateline: bool = Field(False, description="The article's own publication date from its header.")
    rule: str | None = Field(None, description="The extractor rule (pattern) that found the expression (`mdy`, `weekday`, ...).")


class Speaker(_Model):
    name: str
    kind: SpeakerKind = "unknown"
    roles: list[str] = Field(default_factory=list)
    aliases: list[str] = Field(default_factory=list, description="Every other name the article uses for it.")
    anonymous: bool = False


class Claims(_Model):
    """Everything extracted from one article."""

    source: str | None = Field(None, description="The file or URL the article came from.")
    published: date | None = None
    extractor: str = Field(description="Extractor version: a new one appends new extraction events.")
    quotes: list[Quote] = Field(default_factory=list)
    figures: list[Figure] = Field(default_factory=list)
    dates: list[DateClaim] = Field(default_factory=list)
    speakers: list[Speaker] = Field(default_factory=list)


if __name__ == "__main__":  # pragma: no cover
    import json

    print(json.dumps(Claims.model_json_schema(), indent=2))
