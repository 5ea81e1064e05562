"""What changed between two revisions of an article, claim by claim.

The claims of an old revision are no longer in the tables (they show the current extraction); they
are in the log, in the `claims.extracted` event of that revision. Quotes are matched by their
words; a figure or date by its sentence with its own words taken out, so "about $45 million for
the barrier" and "about $60 million for the barrier" are one figure changed, not one removed and
one added.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from ..copies import with_claims
from ..sentences import expand
from .tables import rows

KINDS = {"quotes": "quote", "figures": "figure", "dates": "date"}


@dataclass(frozen=True)
class Change:
    change: str  # added, removed, changed
    kind: str
    before: str | None
    after: str | None


async def claims_of(db, article_id: str, revision: int) -> dict | None:
    """The claims of the newest extraction of that revision, from the log, with their sentences
    (stored as spans of the revision's text: archive/sentences.py)."""
    found = await rows(db, "SELECT payload FROM events WHERE type = 'claims.extracted' "
                       "AND json_extract(payload, '$.article_id') = :a AND json_extract(payload, '$.revision') = :r "
                       "ORDER BY seq DESC LIMIT 1", {"a": article_id, "r": revision})
    if not found:
        return None
    payload = json.loads(found[0]["payload"])
    if payload.get("claims_in") is not None:  # a copy's claims, held by an earlier event (archive/copies.py)
        held = await rows(db, "SELECT payload FROM events WHERE seq = :s AND type = 'claims.extracted'",
                          {"s": payload["claims_in"]})
        payload = with_claims(payload, json.loads(held[0]["payload"]) if held else None)
    text = await rows(db, "SELECT t.text FROM revisions r JOIN texts t ON t.sha256 = r.text_sha256 "
                      "WHERE r.article_id = :a AND r.revision = :r", {"a": article_id, "r": revision})
    return expand(payload, text[0]["text"] if text else None)


def _key(kind: str, claim: dict) -> str:
    if kind == "quote":
        return " ".join((claim.get("text") or "").split()).lower()
    sentence = claim.get("sentence") or ""
    return " ".join(sentence.replace(claim.get("text") or "", "#").split()).lower() or claim.get("text", "")


def _shown(kind: str, claim: dict) -> str:
    if kind == "quote":
        speaker = (claim.get("speaker") or {}).get("name") if isinstance(claim.get("speaker"), dict) else None
        return f"“{claim.get('text')}”" + (f" ({speaker})" if speaker else "")
    return f"{claim.get('text')} = {claim.get('value')}"


def _lead(claim: dict) -> tuple:
    """The figure's unit and the words of its sentence before it: "The bridge will cost ..."."""
    sentence, text = claim.get("sentence") or "", claim.get("text") or ""
    at = sentence.find(text)
    return claim.get("unit"), " ".join(sentence[:at].split()).lower() if at > 0 else None


def _pair(kind: str, removed: dict, added: dict) -> list[Change]:
    """Figures and dates left over on both sides with the same lead are one claim changed."""
    out = []
    if kind == "quote":
        return out
    leads = {}
    for key, c in removed.items():
        if _lead(c)[1]:
            leads.setdefault(_lead(c), key)
    for key, c in list(added.items()):
        old_key = leads.pop(_lead(c), None)
        if old_key is not None and old_key in removed:
            out.append(Change("changed", kind, _shown(kind, removed.pop(old_key)), _shown(kind, added.pop(key))))
    return out


def diff(before: dict, after: dict) -> list[Change]:
    """Added, removed and changed claims from one claims document to another."""
    out = []
    for field, kind in KINDS.items():
        old = {_key(kind, c): c for c in before.get(field) or []}
        new = {_key(kind, c): c for c in after.get(field) or []}
        for key, c in new.items():
            if key in old and kind != "quote" and (old[key].get("value"), old[key].get("text")) != (
                    c.get("value"), c.get("text")):
                out.append(Change("changed", kind, _shown(kind, old[key]), _shown(kind, c)))
        added = {k: c for k, c in new.items() if k not in old}
        removed = {k: c for k, c in old.items() if k not in new}
        out.extend(_pair(kind, removed, added))
        out.extend(Change("added", kind, None, _shown(kind, c)) for c in added.values())
        out.extend(Change("removed", kind, _shown(kind, c), None) for c in removed.values())
    return out


async def changes(db, article_id: str, frm: int, to: int) -> list[Change] | None:
    before, after = await claims_of(db, article_id, frm), await claims_of(db, article_id, to)
    if before is None or after is None:
        return None
    return diff(before, after)
