"""The claims as a `claims.extracted` event (schema version 3) stores them: the claims document
(schema/claims.py) less what the article's text or the defaults already say.

A claim's `text` is, for every quote and figure and for every date but the dateline, the words of
the article text between its `start` and `end` (18,771 of 19,435 claims in the scaled archive), so
it is left out where it is exactly that span, and put back by archive/sentences.expand; fields at
their default (null, false, an empty list) are left out of the stored JSON. Together that is a
third of the event's bytes. The public contract stays schema/claims.py: these models only read
what the log holds.
"""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict, Field

from .claims import Claims, DateClaim, Figure, Quote

LEFT_OUT = "Left out when it is the article text between start and end."


class StoredQuote(Quote):
    text: str | None = Field(None, description=LEFT_OUT)


class StoredFigure(Figure):
    text: str | None = Field(None, description=LEFT_OUT)


class StoredDate(DateClaim):
    text: str | None = Field(None, description=LEFT_OUT)


class StoredClaims(Claims):
    quotes: list[StoredQuote] = Field(default_factory=list)
    figures: list[StoredFigure] = Field(default_factory=list)
    dates: list[StoredDate] = Field(default_factory=list)


class ClaimsHead(BaseModel):
    """The fields of a claims document that are not claims: what an extraction of a copy (the same
    text, the same extractor) stores of its own when its claims are those of an earlier event
    (claims.extracted version 4, archive/copies.py). Required, so that a null is stored as null."""

    model_config = ConfigDict(extra="forbid")

    source: str | None
    published: date | None
    extractor: str


HEAD = tuple(ClaimsHead.model_fields)
"""The top-level fields of a claims document a copy may hold apart from the claims it shares."""
