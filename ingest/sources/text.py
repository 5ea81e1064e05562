"""Plain-text articles: the project's own format.

Three shapes, told apart by their first lines:
- `date YYYY-MM-DD` at the start (after optional white space), the text following on the same line;
- a header block of `key: value` lines (title, url, outlet, author, published/date) ended by `---`;
- anything else: plain text whose publication date is unknown.

The date is written by a person, so an impossible or implausible one (2021-02-30, year 0, the
future) is refused with a ReadError rather than dropped.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, datetime, timezone

from newsfacts.schema.article import Article

from . import dates
from .base import Item, ReadError, stamp
from .decode import decode

NAME = "text"

DATE_LINE = re.compile(r"\A\s*date[ \t]+(\d{4})-(\d{1,2})-(\d{1,2})\b[ \t]*")
HEADER_LINE = re.compile(r"^([A-Za-z_-]+)[ \t]*:[ \t]*(.*)$")
HEADER_KEYS = {"title", "url", "link", "outlet", "source", "author", "byline", "published", "date"}


def parse_date(value: str, source: str) -> date:
    """An ISO date from a header; an impossible one (2021-02-30) is an error, not a guess."""
    m = re.match(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})", value)
    if not m:
        raise ReadError(source, f"unreadable date {value.strip()!r} (expected YYYY-MM-DD)")
    try:
        d = date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError as e:
        raise ReadError(source, f"impossible date {m[0].strip()!r}: {e}") from None
    if dates.sane(d) is None:
        raise ReadError(source, f"implausible date {d.isoformat()!r} (before {dates.EARLIEST.year} "
                                "or in the future)")
    return d


def read(data: bytes, source: str, *, read_at: datetime | None = None) -> Iterator[Item]:
    """The one article of a text file (raises ReadError when it holds none)."""
    article = parse_text(decode(data, source), source)
    yield stamp(article, source=source, reader=NAME, raw=data, read_at=read_at)


def parse_text(text: str, source: str | None = None) -> Article:
    """Text of one article (already decoded) to an Article."""
    src = source or "<text>"
    fields: dict = {}
    m = DATE_LINE.match(text)
    if m:
        fields["published"] = parse_date(f"{m[1]}-{m[2]}-{m[3]}", src)
        body = text[m.end():]
    elif (header := _header(text)) is not None:
        meta, body = header
        fields.update(_fields(meta, src))
    else:
        body = text
    body = body.strip()
    if not body:
        raise ReadError(src, "no article text after the header")
    return Article(text=body, source=source, reader=NAME,
                   read_at=datetime.now(timezone.utc), **fields)


def _header(text: str) -> tuple[dict[str, str], str] | None:
    """A `key: value` block ended by a line `---`, or None when the text does not start with one."""
    lines = text.lstrip("\n").split("\n")
    meta: dict[str, str] = {}
    for i, line in enumerate(lines[:40]):
        if line.strip() == "---":
            return (meta, "\n".join(lines[i + 1:])) if meta else None
        m = HEADER_LINE.match(line.strip())
        if not m or m[1].lower() not in HEADER_KEYS:
            return None
        meta[m[1].lower()] = m[2].strip()
    return None


def _fields(meta: dict[str, str], source: str) -> dict:
    out: dict = {}
    if meta.get("title"):
        out["title"] = meta["title"]
    if meta.get("url") or meta.get("link"):
        out["url"] = meta.get("url") or meta.get("link")
    if meta.get("outlet") or meta.get("source"):
        out["outlet"] = meta.get("outlet") or meta.get("source")
    if meta.get("author") or meta.get("byline"):
        out["author"] = meta.get("author") or meta.get("byline")
    if meta.get("published") or meta.get("date"):
        out["published"] = parse_date(meta.get("published") or meta["date"], source)
    return out
