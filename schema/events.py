"""Every event the log can hold: its type name, its schema version and its payload model.

The payload of each appended event is validated by the model registered for its type, so the
log never holds a shape that the projections cannot replay.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from .article import Article
from .claims import Claims


class _Payload(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ArticleRevised(_Payload):
    """A new text of an article: revision 1 when first seen, then one per changed text."""

    article_id: str
    revision: int = Field(ge=1)
    identity: str
    content_hash: str
    article: Article = Field(description="The article as read; its raw bytes go to original.stored.")


class ClaimsExtracted(_Payload):
    """What an extractor version found in one revision; stored so a rebuild never re-runs NLP."""

    article_id: str
    revision: int = Field(ge=1)
    extractor: str
    claims: Claims


class ArticleSighted(_Payload):
    """The same content read again from another address: one article, several sightings."""

    article_id: str
    source: str
    reader: str | None = None
    read_at: datetime | None = None
    raw_sha256: str | None = None


class OriginalStored(_Payload):
    """The exact bytes an article was read from, zlib-compressed, base64; once per content."""

    sha256: str
    size: int
    compression: Literal["zlib"] = "zlib"
    data: str


class SpeakerMerged(_Payload):
    """A person's decision that two speaker rows are one source."""

    speaker_id: str
    into: str
    reason: str | None = None


class SpeakerSplit(_Payload):
    """Undo a merge: the speaker becomes its own row again."""

    speaker_id: str
    from_: str = Field(alias="from")
    reason: str | None = None

    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class SpeakerDistinct(_Payload):
    """A person's decision that two speakers are different sources: never joined automatically."""

    speaker_id: str
    other_id: str
    reason: str | None = None


class SpeakerLinked(_Payload):
    """A person's link from a speaker to an external id (a Wikidata QID, any URI); two speakers
    linked to the same id are one."""

    speaker_id: str
    external_id: str
    reason: str | None = None


class VerdictRecorded(_Payload):
    """A fact-checker's verdict on one claim (quote, figure or date), on the archive's rating scale.

    Version 2 carries the rating's ClaimReview numbers as they were when it was given (so a later
    change of scale does not rewrite old verdicts) and a URL. A version-1 payload (free-text
    `verdict`) is upcast on reading: its text becomes the rating's name, without numbers."""

    claim_id: str
    claim_table: Literal["quotes", "figures", "dates"]
    rating: str
    rating_value: int | None = None
    best_rating: int | None = None
    worst_rating: int | None = None
    alternate_name: str | None = None
    note: str | None = None
    url: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _upcast_v1(cls, data):
        if isinstance(data, dict) and "verdict" in data and "rating" not in data:
            data = {("rating" if k == "verdict" else k): v for k, v in data.items()}
        return data


class ClaimReviewImported(_Payload):
    """Published fact-checks (schema.org ClaimReview) read from one file or page, as read."""

    source: str
    sha256: str
    reviews: list[dict] = Field(min_length=1)


class ClaimGroupDecided(_Payload):
    """A person's answer to a suggested claim group: the claim belongs to it, or not."""

    claim_id: str
    group_id: str
    decision: Literal["confirmed", "rejected"]
    reason: str | None = None


EVENT_TYPES: dict[str, tuple[type[_Payload], int]] = {
    "article.revised": (ArticleRevised, 1),
    "claims.extracted": (ClaimsExtracted, 1),
    "article.sighted": (ArticleSighted, 1),
    "original.stored": (OriginalStored, 1),
    "speaker.merged": (SpeakerMerged, 1),
    "speaker.split": (SpeakerSplit, 1),
    "speaker.distinct": (SpeakerDistinct, 1),
    "speaker.linked": (SpeakerLinked, 1),
    "verdict.recorded": (VerdictRecorded, 2),
    "claimreview.imported": (ClaimReviewImported, 1),
    "claim_group.decided": (ClaimGroupDecided, 1),
}
"""type name -> (payload model, current schema version)."""


def validate_payload(event_type: str, payload: dict) -> dict:
    """The payload as the type's model dumps it (JSON-ready); raises on anything malformed."""
    try:
        model, _ = EVENT_TYPES[event_type]
    except KeyError:
        raise ValueError(f"unknown event type {event_type!r}") from None
    return model.model_validate(payload).model_dump(mode="json", by_alias=True)


def parse_payload(event_type: str, payload: dict) -> _Payload:
    return EVENT_TYPES[event_type][0].model_validate(payload)
