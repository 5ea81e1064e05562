"""RSS and Atom feeds, by feedparser: one article per item.

An item whose content (content:encoded, Atom <content>, or a long description) holds the whole
article becomes a full article, its HTML turned into text; an item with only a teaser is kept
with `summary_only=True`. A broken item is a ReadError for that item and the others go on; a
feed with no items, or that does not parse, is a ReadError for the whole input.
`raw` is the item's own `<item>`/`<entry>` element as it appears in the file; when the file
cannot be cut into exactly the items feedparser saw, `raw` is None and `raw_sha256` is the hash of
the whole feed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime
from urllib.parse import parse_qs, urlsplit

from newsfacts.schema.article import Article

from . import dates
from .base import Item, ReadError, stamp
from .htmltext import fragment_text, plain_text

NAME = "feed"
FULL_FROM_CONTENT = 500
"""Characters of text from an item's content:encoded/<content> that make it a whole article."""
FULL_FROM_SUMMARY = 1500
"""Characters of text from a description/summary that make it a whole article (some feeds put
the full article there), when it does not end in a "continue reading" link."""

_DECLARES_ENTITIES = re.compile(rb"<!ENTITY\b", re.I)
"""No RSS or Atom feed needs entities of its own; a billion-laughs bomb and an external-entity
read (`SYSTEM "file:///etc/passwd"`) both start with one."""
_ITEM = re.compile(rb"<((?:[\w-]+:)?(?:item|entry))\b[^>]*?(?<!/)>.*?</\1\s*>", re.S)
_OPAQUE = re.compile(rb"<!\[CDATA\[.*?\]\]>|<!--.*?-->", re.S)  # where "<item>" is not markup
_TRUNCATED_HTML = re.compile(r"(?:continue reading|read more|read the full|full story)[^<]{0,20}"
                             r"(?:</a>)?\s*(?:</p>)?\s*$", re.I)
_TRUNCATED_TEXT = re.compile(r"(?:\[(?:…|\.\.\.)\]|…|\.\.\.)\s*$")


def read(data: bytes, source: str, *, read_at: datetime | None = None) -> Iterator[Item]:
    """Each item of the feed in `data`, as an Article or as the ReadError that item raised."""
    import feedparser

    if _DECLARES_ENTITIES.search(data[:65536]):
        raise ReadError(source, "a feed that declares its own XML entities (an entity bomb or a file "
                                "reference); refused unread")
    parsed = feedparser.parse(data)
    entries = parsed.get("entries") or []
    if not entries:
        if parsed.get("bozo") and parsed.get("bozo_exception") is not None:
            raise ReadError(source, f"malformed feed ({_one_line(parsed['bozo_exception'])})")
        if not parsed.get("version"):
            raise ReadError(source, "not an RSS or Atom feed")
        raise ReadError(source, "empty feed (no items)")
    outlet = _clean((parsed.get("feed") or {}).get("title"))
    raws = _item_bytes(data, len(entries))
    items = [_item(entry, n, outlet, source, data, raws, read_at)
             for n, entry in enumerate(entries, 1)]
    if parsed.get("bozo") and not any(isinstance(i, Article) for i in items):
        raise ReadError(source, f"malformed feed ({_one_line(parsed.get('bozo_exception'))})")
    yield from items
    if _broken(parsed):
        # "a feed that does not parse to its end is reported with how many items were read"
        yield ReadError(source, f"feed does not parse to its end ({_one_line(parsed['bozo_exception'])}); "
                                f"{len(entries)} items read before it")


def _broken(parsed) -> bool:
    """Did the XML parser stop before the end? (feedparser's loose parser then reads on and keeps
    what it can; an encoding override or a content-type mismatch is no break.)"""
    import xml.sax

    return bool(parsed.get("bozo")) and isinstance(parsed.get("bozo_exception"), xml.sax.SAXException)


def _item(entry, n: int, outlet, source: str, data: bytes, raws, read_at) -> Item:
    item_source = f"{source}#{n}"
    try:
        article = item_to_article(entry, outlet, item_source)
    except ReadError as e:
        return e
    except Exception as e:  # a feed item is arbitrary input: never let one stop the rest
        return ReadError(item_source, f"unreadable item ({type(e).__name__}: {e})")
    if raws:
        return stamp(article, source=article.url or item_source, reader=NAME, raw=raws[n - 1],
                     read_at=read_at)
    # the file could not be cut into items: hash the whole feed, keep no copy per item
    return stamp(article, source=article.url or item_source, reader=NAME, raw=data,
                 read_at=read_at, keep_raw=False)


def item_to_article(entry, outlet: str | None, source: str) -> Article:
    """One feed item to an Article; ReadError when it has no text at all."""
    title = _clean(fragment_text(entry.get("title") or "")) if entry.get("title") else None
    text, full = _body(entry)
    if not text:
        raise ReadError(source, "item has no text (only a title and link)" if title or entry.get("link")
                        else "empty item (no title, link or text)")
    published = None
    # the date as written first (its own time zone: the day the outlet printed), then
    # feedparser's UTC reading of dates in other formats; dict.get avoids its fallback warning
    for key in ("published", "updated", "created", "published_parsed", "updated_parsed",
                "created_parsed"):
        published = dates.parse(dict.get(entry, key))
        if published:
            break
    return Article(
        text=text,
        title=title,
        url=_unwrap(entry.get("link")),
        outlet=outlet,
        author=_clean(entry.get("author")),
        published=published,
        summary_only=not full,
    )


def _body(entry) -> tuple[str, bool]:
    """The item's longest text, and whether it is the whole article."""
    best, best_full = "", False
    candidates = [(c.get("value") or "", c.get("type") or "", FULL_FROM_CONTENT)
                  for c in entry.get("content") or []]
    detail = entry.get("summary_detail") or {}
    candidates.append((entry.get("summary") or "", detail.get("type") or "text/html", FULL_FROM_SUMMARY))
    for value, ctype, threshold in candidates:
        if not value.strip():
            continue
        text = fragment_text(value) if "html" in ctype else plain_text(value)
        if len(text) > len(best):
            truncated = bool(_TRUNCATED_HTML.search(value) or _TRUNCATED_TEXT.search(text))
            best, best_full = text, len(text) >= threshold and not truncated
    return best, best_full


def _unwrap(link) -> str | None:
    """The item's own URL, out of a Google redirect (`google.com/url?...&url=...`) if need be."""
    if not isinstance(link, str) or not link.strip():
        return None
    link = link.strip()
    parts = urlsplit(link)
    if parts.netloc.endswith("google.com") and parts.path == "/url":
        target = parse_qs(parts.query).get("url") or parse_qs(parts.query).get("q")
        if target and target[0].startswith(("http://", "https://")):
            return target[0]
    return link


def _item_bytes(data: bytes, count: int) -> list[bytes] | None:
    """Each item's bytes in the file, when cutting the file finds exactly `count` items."""
    masked = _OPAQUE.sub(lambda m: b" " * len(m.group(0)), data)  # same offsets, no markup inside
    spans = [data[m.start():m.end()] for m in _ITEM.finditer(masked)]
    return spans if len(spans) == count else None


def _clean(value) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None


def _one_line(e) -> str:
    return " ".join(str(e or "").split())[:200] or type(e).__name__
