"""Each extraction's claims once in the log, however many copies of a text it was run on.

A wire story runs under many outlets' URLs with the same words (the issue's scaled archive is the
claims of 926 real articles, each copied about 65 times under new URLs), and the same extractor
version finds the same claims in the same words: every copy repeated them, a `claims.extracted`
event of several KB each. A copy whose claims, sentence spans included, are exactly those of an
earlier extraction of the same text (same SHA-256, same extractor) stores only its own `head`
(source, publication date, extractor) and names that event (`claims_in`, version 4). Anything
else that differs, such as dates resolved against another publication date, keeps the claims
inline. Both events are in the hash chain, so every byte a replay reads is still covered, and the
replay checks that the two revisions have the same text.
"""

from __future__ import annotations

import json
import sqlite3

from newsfacts.schema.events import upcast
from newsfacts.schema.stored_claims import HEAD, StoredClaims


def _stored(claims: dict) -> dict:
    """Claims as a version-4 event stores them (defaults left out), so two can be compared."""
    return StoredClaims.model_validate(claims).model_dump(mode="json", exclude_defaults=True)


def _without_head(claims: dict) -> dict:
    return {k: v for k, v in claims.items() if k not in HEAD}


def held_by(conn: sqlite3.Connection, text_sha256: str, extractor: str) -> int | None:
    """The seq of the first extraction by this extractor of a revision with this text."""
    row = conn.execute("SELECT x.event_seq FROM revisions r JOIN extractions x ON x.article_id = r.article_id "
                       "AND x.revision = r.revision WHERE r.text_sha256 = ? AND x.extractor = ? "
                       "ORDER BY x.event_seq LIMIT 1", (text_sha256, extractor)).fetchone()
    return row[0] if row else None


_READ: dict[tuple[str, str], dict] = {}
"""(event hash, payload as stored) -> the payload upcast: the events copies name are few (one per
text), and a replay reads each of them once per copy. Keyed by what is stored, so an entry is
right for any archive it is met in."""
READ_KEPT = 1024


def _event_payload(conn: sqlite3.Connection, seq: int) -> dict | None:
    """The claims.extracted payload numbered seq, upcast to today's version, or None."""
    row = conn.execute("SELECT hash, schema_version, payload FROM events WHERE seq = ? AND type = 'claims.extracted'",
                       (seq,)).fetchone()
    if row is None:
        return None
    key = (row[0], row[2])
    if key not in _READ:
        if len(_READ) >= READ_KEPT:
            _READ.pop(next(iter(_READ)))
        _READ[key] = upcast("claims.extracted", row[1], json.loads(row[2]))
    return _READ[key]


def shared(conn: sqlite3.Connection, payload: dict, text_sha256: str) -> dict:
    """The claims.extracted payload to append: the one given (claims inline), or, where an
    earlier extraction of the same text holds exactly the same claims and sentence spans, a
    reference to it with this extraction's own head."""
    seq = held_by(conn, text_sha256, payload["extractor"])
    held = _event_payload(conn, seq) if seq is not None else None
    if held is None or held.get("claims") is None:
        return payload
    mine = _stored(payload["claims"])
    theirs = held["claims"]  # upcast: already as a version-4 event stores it
    if _without_head(theirs) != _without_head(mine) or (held.get("sentences") or {}) != payload["sentences"]:
        return payload
    head = mine
    return {"article_id": payload["article_id"], "revision": payload["revision"], "extractor": payload["extractor"],
            "claims_in": seq, "head": {k: head.get(k) for k in HEAD}}


def with_claims(payload: dict, held: dict | None) -> dict:
    """The payload with its claims inline: as it is, or merged from the payload of the event
    its `claims_in` names (held: that payload, as stored or upcast)."""
    if payload.get("claims_in") is None:
        return payload
    if held is None or held.get("claims") is None or held.get("extractor") != payload["extractor"]:
        raise ValueError(f"article {payload['article_id']}: event {payload['claims_in']} holds no claims "
                         f"of extractor {payload['extractor']}")
    return {**payload, "claims": {**held["claims"], **payload["head"]}, "sentences": held.get("sentences") or {}}


def _same_text(conn: sqlite3.Connection, payload: dict, held: dict) -> bool:
    rows = [conn.execute("SELECT text_sha256 FROM revisions WHERE article_id = ? AND revision = ?",
                         (p["article_id"], p["revision"])).fetchone() for p in (payload, held)]
    return None not in rows and rows[0][0] == rows[1][0]


def claims_payload(conn: sqlite3.Connection, payload: dict) -> dict:
    """A claims.extracted payload (any version) with its claims inline, read from the log where
    it names the event holding them; that event must be of a revision with the same text."""
    if payload.get("claims_in") is None:
        return payload
    held = _event_payload(conn, payload["claims_in"])
    if held is not None and not _same_text(conn, payload, held):
        raise ValueError(f"article {payload['article_id']}: event {payload['claims_in']} is the extraction "
                         "of another text")
    return with_claims(payload, held)


_EXPANDED: dict[tuple[str, str], dict] = {}
"""(held event's hash, text) -> its claims expanded (sentences.expand): every copy of a text
validated and expanded the same claims again."""


def expanded(conn: sqlite3.Connection, payload: dict, text: str | None, held_seq: int | None) -> dict:
    """expand(payload, text), the claims with every field in place; for a copy whose rows are
    copied from the held article's (held_seq: its `claims_in`, archive/copy_rows.py), the held
    claims expanded once per text and held event, with the copy's own head: what the copy's
    speaker identity reads of them (its speakers and the names its quotes give) is the same."""
    from .sentences import expand

    row = conn.execute("SELECT hash FROM events WHERE seq = ?", (held_seq,)).fetchone() if held_seq else None
    if row is None or text is None:
        return expand(payload, text)
    key = (row[0], text)
    if key not in _EXPANDED:
        if len(_EXPANDED) >= READ_KEPT:
            _EXPANDED.pop(next(iter(_EXPANDED)))
        _EXPANDED[key] = expand(payload, text)
    return {**_EXPANDED[key], **{k: payload["claims"].get(k) for k in HEAD}}
