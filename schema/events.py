"""Every event the log can hold: its type name, its schema version and its payload model.

The payload of each appended event is validated by the model registered for its type, so the
log never holds a shape that the projections cannot replay.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from .article import Article
from .claims import Claims
from .stored_claims import ClaimsHead, StoredClaims


class _Payload(BaseModel):
    model_config = ConfigDict(extra="forbid")
    dump_options: ClassVar[dict] = {}
    """How a payload of this model is dumped into the log (a version may leave its defaults out)."""


class ArticleRevisedV1(_Payload):
    """article.revised as first written (schema version 1): the text always inline. Kept to read
    old events; upcast to version 2 (its text hashed, held inline)."""

    article_id: str
    revision: int = Field(ge=1)
    identity: str
    content_hash: str
    article: Article = Field(description="The article as read; its raw bytes go to original.stored.")


class StoredArticle(Article):
    text: str | None = Field(None, description="Left out when an earlier article.revised event holds the same text.")


SHA256 = r"^[0-9a-f]{64}$"


class ArticleRevised(_Payload):
    """A new text of an article: revision 1 when first seen, then one per changed text.

    Version 2 keeps each distinct text once in the log: a text an earlier article.revised event
    already holds (a wire story run under another address, a revision back to an earlier text) is
    left out of `article`, and `text_in` names the event that holds it; `text_sha256` is the
    text's SHA-256 either way, checked when the text is read back (archive/texts.py)."""

    article_id: str
    revision: int = Field(ge=1)
    identity: str
    content_hash: str
    article: StoredArticle = Field(description="The article as read; its raw bytes go to original.stored.")
    text_sha256: str = Field(pattern=SHA256)
    text_in: int | None = Field(None, ge=1, description="The seq of the article.revised event holding the text.")

    @model_validator(mode="after")
    def _text_once(self):
        if (self.article.text is None) == (self.text_in is None):
            raise ValueError("the text is either inline or in the event text_in names, never both or neither")
        return self


class ClaimsExtractedV1(_Payload):
    """claims.extracted as first written (schema version 1): every claim carries its sentence.
    Kept to read old events; upcast to version 2 with no spans (the sentences stay inline)."""

    article_id: str
    revision: int = Field(ge=1)
    extractor: str
    claims: Claims


SentenceSpan = tuple[int, int] | None


class ClaimsExtractedV2(_Payload):
    """claims.extracted of schema version 2: each sentence once, in the revision's text (a claim
    whose sentence is a span of that text has its `sentence` left out and the span's offsets in
    `sentences`, under its kind and at its index), but every claim's text and every default
    inline. Kept to read old events; upcast to version 3 as it is (version 3 reads it)."""

    article_id: str
    revision: int = Field(ge=1)
    extractor: str
    claims: Claims
    sentences: dict[Literal["quotes", "figures", "dates"], list[SentenceSpan]] = Field(
        default_factory=dict, description="kind -> one [start, end) span of the text per claim, or null "
                                          "where the claim keeps its sentence inline")


class ClaimsExtractedV3(ClaimsExtractedV2):
    """claims.extracted of schema version 3: each sentence once, in the revision's text
    (`sentences`, as in version 2), and each claim's words once too: a claim's `text` is left out
    where it is the text between its `start` and `end`, and so is every field at its default
    (schema/stored_claims.py; archive/sentences.py writes and reads them). Kept to read old
    events; upcast to version 4 as it is (its claims inline)."""

    dump_options: ClassVar[dict] = {"exclude_defaults": True}
    claims: StoredClaims


class ClaimsExtracted(_Payload):
    """What an extractor version found in one revision; stored so a rebuild never re-runs NLP.

    Version 4 keeps the claims of each text once per extractor: a wire copy (the same text under
    another address) extracted by the same extractor version has the same claims, so its event
    names the earlier event holding them (`claims_in`) and stores only `head`, its own source,
    publication date and extractor (archive/copies.py); the claims are read from that event. Where
    anything else differs (dates resolved against another publication date) the claims are inline,
    as in version 3: sentences as spans of the text, words left out where they are the text at
    their span, defaults left out."""

    dump_options: ClassVar[dict] = {"exclude_defaults": True}
    article_id: str
    revision: int = Field(ge=1)
    extractor: str
    claims: StoredClaims | None = Field(None, description="Inline claims; null when claims_in names them.")
    sentences: dict[Literal["quotes", "figures", "dates"], list[SentenceSpan]] = Field(
        default_factory=dict, description="kind -> one [start, end) span of the text per claim, or null "
                                          "where the claim keeps its sentence inline")
    claims_in: int | None = Field(None, ge=1, description="The seq of the claims.extracted event holding the claims.")
    head: ClaimsHead | None = Field(None, description="With claims_in: this extraction's own source, "
                                                      "publication date and extractor.")

    @model_validator(mode="after")
    def _claims_once(self):
        if (self.claims is None) != (self.claims_in is not None) or (self.head is None) != (self.claims_in is None):
            raise ValueError("the claims are either inline or in the event claims_in names (with head), never both")
        if self.claims_in is not None and self.sentences:
            raise ValueError("the sentences of claims held in another event are that event's")
        return self


class ArticleSighted(_Payload):
    """The same content read again from another address: one article, several sightings."""

    article_id: str
    source: str
    reader: str | None = None
    read_at: datetime | None = None
    raw_sha256: str | None = None


class OriginalStoredV1(_Payload):
    """original.stored as first written (schema version 1): the bytes zlib-compressed on their
    own. Kept to read old events; upcast to version 2 as it is."""

    sha256: str
    size: int
    compression: Literal["zlib"] = "zlib"
    data: str


class OriginalStored(_Payload):
    """The exact bytes an article was read from, zlib-compressed, base64; once per content.

    Version 2 may compress them against the text read from them (`zlib+text`: that text, which
    the log holds anyway, is zlib's preset dictionary), so the words of a plain-text or feed
    original cost a few bytes of back-references instead of a second compressed copy.
    `text_of` names the revision (`<article id>/<revision>`) whose text it is
    (archive/originals.py)."""

    sha256: str
    size: int
    compression: Literal["zlib", "zlib+text"] = "zlib"
    text_of: str | None = Field(None, description="For zlib+text: the revision whose text is the dictionary.")
    data: str

    @model_validator(mode="after")
    def _dictionary_named(self):
        if (self.compression == "zlib+text") != (self.text_of is not None):
            raise ValueError("text_of names the dictionary of zlib+text compression, and only that")
        return self


class SpeakerMerged(_Payload):
    """A person's decision that two speaker rows are one source."""

    speaker_id: str
    into: str
    reason: str | None = None


class SpeakerSplitV1(_Payload):
    """speaker.split as first written (schema version 1): the merged-into speaker under `from`,
    a Python keyword, which needed an alias. Kept to read old events; upcast to version 2."""

    speaker_id: str
    from_: str = Field(alias="from")
    reason: str | None = None

    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class SpeakerSplit(_Payload):
    """Undo a merge: the speaker becomes its own row again (schema version 2)."""

    speaker_id: str
    from_speaker: str = Field(description="The speaker it had been merged into.")
    reason: str | None = None


class SpeakerDistinct(_Payload):
    """A person's decision that two speakers are different sources: never joined automatically."""

    speaker_id: str
    other_id: str
    reason: str | None = None


class SpeakerNameSplit(_Payload):
    """A person's decision that one name joined into a speaker automatically is another source
    (`Burns` in an article about a radio host is not Alderman William D. Burns): the name and
    its quotes become a speaker of their own, kept apart from the first."""

    speaker_id: str
    variant: str
    reason: str | None = None


class SpeakerLinked(_Payload):
    """A person's link from a speaker to an external id (a Wikidata QID, any URI); two speakers
    linked to the same id are one."""

    speaker_id: str
    external_id: str
    reason: str | None = None


class VerdictRecordedV1(_Payload):
    """verdict.recorded as first written (schema version 1): a free-text verdict. Kept to read
    old events; upcast to version 2 (the text becomes the rating's name)."""

    claim_id: str
    claim_table: Literal["quotes", "figures", "dates"]
    verdict: str
    note: str | None = None


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


class RatingScaleSet(_Payload):
    """The rating scale verdicts are given on from now (the default one, or a ratings file named
    in settings), recorded when it first differs from the archive's, so the `ratings` table is
    derived from the log like every other table."""

    source: str
    ratings: list[dict] = Field(min_length=1)


class CheckpointRecorded(_Payload):
    """A signed statement of the log (archive/checkpoint.py): its size, the head of the Merkle tree
    over the events before this one, the time, the Ed25519 signature and the key's id."""

    origin: str
    size: int = Field(ge=1)
    root: str = Field(pattern=r"^[0-9a-f]{64}$")
    time: str
    key_id: str
    public_key: str
    signature: str


PAYLOADS: dict[str, dict[int, type[_Payload]]] = {
    "article.revised": {1: ArticleRevisedV1, 2: ArticleRevised},
    "claims.extracted": {1: ClaimsExtractedV1, 2: ClaimsExtractedV2, 3: ClaimsExtractedV3, 4: ClaimsExtracted},
    "article.sighted": {1: ArticleSighted},
    "original.stored": {1: OriginalStoredV1, 2: OriginalStored},
    "speaker.merged": {1: SpeakerMerged},
    "speaker.split": {1: SpeakerSplitV1, 2: SpeakerSplit},
    "speaker.distinct": {1: SpeakerDistinct},
    "speaker.linked": {1: SpeakerLinked},
    "speaker.name_split": {1: SpeakerNameSplit},
    "verdict.recorded": {1: VerdictRecordedV1, 2: VerdictRecorded},
    "claimreview.imported": {1: ClaimReviewImported},
    "claim_group.decided": {1: ClaimGroupDecided},
    "ratings.scale_set": {1: RatingScaleSet},
    "checkpoint.recorded": {1: CheckpointRecorded},
}
"""type name -> schema version -> payload model. A changed payload is a new version, never an
edit of an old model: old events are read through their own version's model, then upcast."""


def _speaker_split_1_to_2(p: dict) -> dict:
    return {"speaker_id": p["speaker_id"], "from_speaker": p["from"], "reason": p.get("reason")}


def _verdict_1_to_2(p: dict) -> dict:
    return {("rating" if k == "verdict" else k): v for k, v in p.items()}


def _claims_1_to_2(p: dict) -> dict:
    return {**p, "sentences": {}}


def _article_1_to_2(p: dict) -> dict:
    import hashlib

    return {**p, "text_sha256": hashlib.sha256(p["article"]["text"].encode("utf-8")).hexdigest(), "text_in": None}


def _original_1_to_2(p: dict) -> dict:
    return p  # zlib on its own is one of version 2's compressions


def _claims_2_to_3(p: dict) -> dict:
    return p  # a version-2 payload is a version-3 one that keeps every text and default inline


def _claims_3_to_4(p: dict) -> dict:
    return p  # a version-3 payload is a version-4 one with its claims inline


UPCASTERS: dict[tuple[str, int], Callable[[dict], dict]] = {
    ("article.revised", 1): _article_1_to_2,
    ("claims.extracted", 1): _claims_1_to_2,
    ("claims.extracted", 2): _claims_2_to_3,
    ("claims.extracted", 3): _claims_3_to_4,
    ("original.stored", 1): _original_1_to_2,
    ("speaker.split", 1): _speaker_split_1_to_2,
    ("verdict.recorded", 1): _verdict_1_to_2,
}
"""(type, version) -> a function from that version's payload (as its model dumps it) to the next's."""

EVENT_TYPES: dict[str, tuple[type[_Payload], int]] = {
    t: (versions[max(versions)], max(versions)) for t, versions in PAYLOADS.items()}
"""type name -> (payload model, current schema version)."""


def _model(event_type: str, schema_version: int | None) -> type[_Payload]:
    try:
        versions = PAYLOADS[event_type]
    except KeyError:
        raise ValueError(f"unknown event type {event_type!r}") from None
    try:
        return versions[max(versions) if schema_version is None else schema_version]
    except KeyError:
        raise ValueError(f"{event_type} has no schema version {schema_version} "
                         f"(this code knows {sorted(versions)})") from None


def validate_payload(event_type: str, payload: dict, schema_version: int | None = None) -> dict:
    """The payload as its version's model dumps it (JSON-ready; the current version unless
    told); raises on anything malformed."""
    model = _model(event_type, schema_version)
    return model.model_validate(payload).model_dump(mode="json", by_alias=True, **model.dump_options)


def upcast(event_type: str, schema_version: int, payload: dict) -> dict:
    """A payload of any known version, read through its own model, then carried version by
    version to the current one, which validates the result."""
    current = EVENT_TYPES[event_type][1] if event_type in PAYLOADS else None
    clean = validate_payload(event_type, payload, schema_version)
    for version in range(schema_version, current):
        clean = validate_payload(event_type, UPCASTERS[(event_type, version)](clean), version + 1)
    return clean


def check_payload_json(event_type: str, schema_version: int, text: str) -> None:
    """Raise unless the stored JSON is a valid payload of its version and upcasts to today's."""
    if event_type in PAYLOADS and schema_version == EVENT_TYPES[event_type][1]:
        EVENT_TYPES[event_type][0].model_validate_json(text)
    else:
        import json

        upcast(event_type, schema_version, json.loads(text))


def parse_payload(event_type: str, payload: dict, schema_version: int | None = None) -> _Payload:
    current = EVENT_TYPES[event_type][1]
    data = upcast(event_type, schema_version or current, payload)
    return EVENT_TYPES[event_type][0].model_validate(data)
