"""Reading published fact-checks: schema.org ClaimReview in JSON-LD, as fact-checking sites
publish it: one object, an array, a `@graph`, or an HTML page with embedded
`<script type="application/ld+json">` blocks.

"A malformed file gets a clear error, and nothing of it is stored": `parse` either returns every
review of the input, normalised, or raises BadReviews naming the input and the reason."""

from __future__ import annotations

import json
import re
from pathlib import Path

LD_SCRIPT = re.compile(r"<script[^>]*type\s*=\s*[\"']application/ld\+json[\"'][^>]*>(.*?)</script>", re.I | re.S)


class BadReviews(ValueError):
    pass


def read_source(source: str) -> bytes:
    """The bytes of a file or an http(s) URL."""
    if re.match(r"https?://", source):
        import httpx

        try:
            response = httpx.get(source, follow_redirects=True, timeout=30)
            response.raise_for_status()
        except httpx.HTTPError as e:
            raise BadReviews(f"{source}: could not fetch: {e}") from None
        return response.content
    try:
        return Path(source).read_bytes()
    except OSError as e:
        raise BadReviews(f"{source}: cannot read: {e.strerror}") from None


def _json(text: str, source: str, where: str = ""):
    try:
        return json.loads(text)
    except json.JSONDecodeError as e:
        raise BadReviews(f"{source}: not valid JSON{where}: {e.msg} at line {e.lineno} column {e.colno}") from None


def documents(data: bytes, source: str) -> list:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise BadReviews(f"{source}: not UTF-8 text") from None
    stripped = text.lstrip()
    if stripped[:1] in "[{":
        return [_json(stripped, source)]
    blocks = LD_SCRIPT.findall(text)
    if not blocks:
        raise BadReviews(f"{source}: neither JSON-LD nor an HTML page with JSON-LD in it")
    return [_json(b.strip(), source, f" in JSON-LD block {n}") for n, b in enumerate(blocks, 1)]


def _walk(node):
    if isinstance(node, list):
        for item in node:
            yield from _walk(item)
    elif isinstance(node, dict):
        types = node.get("@type")
        types = types if isinstance(types, list) else [types]
        if "ClaimReview" in types:
            yield node
        elif "@graph" in node:
            yield from _walk(node["@graph"])


def _name(node) -> str | None:
    if isinstance(node, list):
        node = node[0] if node else None
    if isinstance(node, dict):
        return node.get("name") or node.get("alternateName")
    return node if isinstance(node, str) else None


def _number(value, field: str, source: str, n: int):
    if value is None or value == "":
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        raise BadReviews(f"{source}: review {n}: {field} {value!r} is not a number") from None


def _appearances(item: dict) -> list[str]:
    out = []
    for key in ("firstAppearance", "appearance"):
        value = item.get(key)
        for v in value if isinstance(value, list) else [value]:
            url = v.get("url") if isinstance(v, dict) else v
            if isinstance(url, str) and url not in out:
                out.append(url)
    return out


def normalise(node: dict, source: str, n: int) -> dict:
    claim = node.get("claimReviewed")
    if not isinstance(claim, str) or not claim.strip():
        raise BadReviews(f"{source}: review {n}: no claimReviewed")
    rating = node.get("reviewRating") or {}
    if not isinstance(rating, dict):
        raise BadReviews(f"{source}: review {n}: reviewRating is not an object")
    item = node.get("itemReviewed") or {}
    item = item if isinstance(item, dict) else {}
    return {
        "url": node.get("url") if isinstance(node.get("url"), str) else None,
        "publisher": _name(node.get("author")) or _name(node.get("publisher")),
        "claim_reviewed": claim.strip(),
        "claim_author": _name(item.get("author")),
        "rating": rating.get("alternateName") or rating.get("name"),
        "rating_value": _number(rating.get("ratingValue"), "ratingValue", source, n),
        "best_rating": _number(rating.get("bestRating"), "bestRating", source, n),
        "worst_rating": _number(rating.get("worstRating"), "worstRating", source, n),
        "date_published": node.get("datePublished") if isinstance(node.get("datePublished"), str) else None,
        "appearances": _appearances(item),
        "raw": node,
    }


def parse(data: bytes, source: str) -> list[dict]:
    reviews = [normalise(node, source, n) for n, node in enumerate(
        (r for doc in documents(data, source) for r in _walk(doc)), 1)]
    if not reviews:
        raise BadReviews(f"{source}: no ClaimReview in it")
    return reviews
