"""JSON exports of articles: one JSON document (an object, a list of objects, or an object
holding that list under `articles`, `items`, `results` or `data`, also one level down as in
`{"response": {"results": [...]}}`) or JSON Lines (one object a line).

Exports over MAX_BYTES are streamed (`read_stream`): their list of articles, at the top level
or under one of those keys of the top object, is read one element at a time.

Field names. Each Article field is looked up under the names in `FIELD_MAP`, first match wins:

    title      title, headline
    text       text, body, content, article, full_text, fulltext, maintext, article_text
    summary    description, summary, excerpt, abstract, standfirst   (used only when no text;
               the article is then kept with summary_only=True)
    url        url, link, canonical_url, webUrl, uri
    published  published, date, publishedAt, pubDate, published_at, datePublished,
               date_publish, webPublicationDate, created_at
    outlet     outlet, source, publisher, site_name, sitename, siteName  (a string, or an object
               with a `name`/`title`)
    author     author, authors, byline, creator  (a string, an object with `name`, or a list)

Other names are mapped without code, and tried before the defaults:
- the `field_map` parameter of `read`/`read_lines` (and of `iter_inputs`):
  `{"text": "story.body", "title": ["hed", "headline"]}`;
- the environment variable `NEWSFACTS_FIELD_MAP`: `text=story.body,title=hed;headline`
  (comma between fields, `;` between names, dots reach into nested objects).

Provenance: an item's `source` is its URL, else `<file>#<n>` (n = position in the list, from 1,
or line number for JSON Lines); `raw` is the item's own bytes as they are in the file.
A line that does not parse is a ReadError naming its line number, and the next lines go on.
Dates that are impossible or implausible are dropped (see dates.py).
"""

from __future__ import annotations

import codecs
import json
import os
import re
from collections.abc import Iterator, Mapping, Sequence
from datetime import datetime
from typing import BinaryIO

from newsfacts.schema.article import Article

from . import dates
from .base import MAX_BYTES, Item, ReadError, stamp
from .htmltext import fragment_text
from .streams import Prefixed, Reader, read_head

NAME = "json"
ENV_VAR = "NEWSFACTS_FIELD_MAP"

FIELD_MAP: dict[str, tuple[str, ...]] = {
    "title": ("title", "headline"),
    "text": ("text", "body", "content", "article", "full_text", "fulltext", "maintext",
             "article_text"),
    "summary": ("description", "summary", "excerpt", "abstract", "standfirst"),
    "url": ("url", "link", "canonical_url", "webUrl", "uri"),
    "published": ("published", "date", "publishedAt", "pubDate", "published_at", "datePublished",
                  "date_publish", "webPublicationDate", "created_at"),
    "outlet": ("outlet", "source", "publisher", "site_name", "sitename", "siteName"),
    "author": ("author", "authors", "byline", "creator"),
}
LIST_KEYS = ("articles", "items", "results", "data")

_TRUNCATED = re.compile(r"(?:…|\.\.\.)?\s*\[\+\d+ chars\]\s*$")  # NewsAPI's cut-off `content`
_DECODER = json.JSONDecoder()


def field_names(field_map: Mapping[str, str | Sequence[str]] | None = None,
                env: Mapping[str, str] | None = None) -> dict[str, tuple[str, ...]]:
    """The names to try for each field: the parameter's, then the environment's, then FIELD_MAP."""
    extra: dict[str, list[str]] = {}
    spec = (os.environ if env is None else env).get(ENV_VAR, "")
    for part in spec.split(","):
        key, _, names = part.partition("=")
        if key.strip() and names.strip():
            extra.setdefault(key.strip(), []).extend(n.strip() for n in names.split(";") if n.strip())
    for key, names in (field_map or {}).items():
        names = [names] if isinstance(names, str) else list(names)
        extra[key] = names + extra.get(key, [])
    unknown = set(extra) - set(FIELD_MAP)
    if unknown:
        raise ValueError(f"unknown article field(s) in the field map: {', '.join(sorted(unknown))}")
    return {k: tuple(extra.get(k, ())) + v for k, v in FIELD_MAP.items()}


def read(data: bytes, source: str, *, field_map=None, read_at: datetime | None = None
         ) -> Iterator[Item]:
    """The articles of one JSON document; ReadError for the whole input when it does not parse."""
    names = field_names(field_map)
    text = _json_text(data, source)
    try:
        doc = json.loads(text)
    except ValueError as e:
        raise ReadError(source, f"invalid JSON: {_json_reason(e)}") from None
    except RecursionError:
        raise ReadError(source, "JSON nested too deep to read") from None
    items, start = _locate_items(doc, text)
    if not items:
        raise ReadError(source, "no articles in this JSON (an empty list)")
    spans = _element_spans(text, start) if start is not None else [(0, len(text))]
    for n, (obj, (a, b)) in enumerate(zip(items, spans), 1):
        item_source = f"{source}#{n}" if start is not None else source
        yield _item(obj, text[a:b].strip().encode("utf-8"), item_source, names, read_at)


def read_stream(stream: BinaryIO, source: str, *, field_map=None,
                read_at: datetime | None = None) -> Iterator[Item]:
    """The articles of one JSON document in a stream: parsed whole when it is up to MAX_BYTES;
    past that, its list of articles (top level, or the first list of objects, or the list under a
    LIST_KEYS key, in the top object) is streamed element by element, so a 100,000-article export
    does not fill memory."""
    head = read_head(stream, MAX_BYTES + 1)
    if len(head) <= MAX_BYTES:
        yield from read(head, source, field_map=field_map, read_at=read_at)
        return
    names = field_names(field_map)
    text = _StreamText(Reader(Prefixed(head, stream)))
    del head
    n = 0
    try:
        c = text.next_char()
        if c == "{":
            text.pos += 1
            while True:
                key, _ = text.value()
                text.expect(":")
                if text.next_char() == "[":
                    text.pos += 1
                    if key in LIST_KEYS or text.next_char() == "{":  # the (first) list of objects
                        break
                    while text.next_char() != "]":  # another list (tags, ids): skip it
                        text.value()
                        if text.next_char() == ",":
                            text.pos += 1
                    text.pos += 1
                else:
                    text.value()
                if text.expect(",}") == "}":
                    raise ReadError(source, f"a JSON object over {MAX_BYTES:,} bytes with no list "
                                            "of articles in it")
        elif c == "[":
            text.pos += 1
        else:
            raise ReadError(source, f"a JSON document over {MAX_BYTES:,} bytes that is not a list")
        if text.next_char() == "]":
            return
        while True:
            obj, raw = text.value()
            n += 1
            yield _item(obj, raw.encode("utf-8"), f"{source}#{n}", names, read_at)
            if text.expect(",]") == "]":
                return
    except RecursionError:
        raise ReadError(source, f"JSON nested too deep to read (after item {n})") from None
    except (ValueError, UnicodeDecodeError) as e:
        reason = (f"not valid UTF-8 ({e.reason})" if isinstance(e, UnicodeDecodeError)
                  else e.msg if isinstance(e, json.JSONDecodeError) else str(e))
        raise ReadError(source, f"invalid JSON after item {n}: {reason}") from None


class _StreamText:
    """Decoded text of a stream, parsed one JSON value at a time with only the current value
    (and one read's worth after it) in memory."""

    CHUNK = 1 << 20

    def __init__(self, stream: BinaryIO):
        self.stream = stream
        self.decoder = codecs.getincrementaldecoder("utf-8-sig")()
        self.buf, self.pos, self.eof = "", 0, False

    def _fill(self) -> None:
        chunk = self.stream.read(self.CHUNK)
        self.buf = self.buf[self.pos:] + self.decoder.decode(chunk or b"", final=not chunk)
        self.pos, self.eof = 0, not chunk

    def next_char(self) -> str:
        """The next non-space character (not consumed), "" at the end."""
        while True:
            self.pos = _ws(self.buf, self.pos)
            if self.pos < len(self.buf) or self.eof:
                return self.buf[self.pos:self.pos + 1]
            self._fill()

    def expect(self, chars: str) -> str:
        c = self.next_char()
        if not c or c not in chars:
            raise ValueError(f"expected {' or '.join(map(repr, chars))}, found {c or 'the end'!r}")
        self.pos += 1
        return c

    def value(self):
        """The next JSON value and its exact text."""
        self.next_char()
        while True:
            try:
                obj, end = _DECODER.raw_decode(self.buf, self.pos)
            except json.JSONDecodeError:
                if self.eof:
                    raise
                if len(self.buf) - self.pos > MAX_BYTES:
                    raise ValueError(f"an item over {MAX_BYTES:,} bytes") from None
                self._fill()
                continue
            if end >= len(self.buf) and not self.eof:  # a number may go on in the next read
                self._fill()
                continue
            raw, self.pos = self.buf[self.pos:end], end
            return obj, raw


def read_lines(stream: BinaryIO, source: str, *, field_map=None,
               read_at: datetime | None = None) -> Iterator[Item]:
    """The articles of a JSON Lines stream, one line at a time (memory stays flat)."""
    names = field_names(field_map)
    lineno = 0
    skip = getattr(stream, "skip_space", None)  # streams.Reader: blank lines dropped in bulk
    while True:
        if skip is not None:
            lineno += skip()
        line = stream.readline(MAX_BYTES + 1)
        if not line:
            return
        lineno += 1
        if len(line) > MAX_BYTES:
            yield ReadError(f"{source}#{lineno}", f"line {lineno} is too large (over {MAX_BYTES:,} bytes)")
            while line and not line.endswith(b"\n"):
                line = stream.readline(MAX_BYTES + 1)
            continue
        if lineno == 1 and line.startswith(codecs.BOM_UTF8):
            line = line[len(codecs.BOM_UTF8):]
        raw = line.strip()
        if not raw:
            continue
        item_source = f"{source}#{lineno}"
        try:
            obj = json.loads(raw.decode("utf-8"))
        except RecursionError:
            yield ReadError(item_source, f"line {lineno} is JSON nested too deep to read")
            continue
        except UnicodeDecodeError as e:
            yield ReadError(item_source, f"line {lineno} is not valid UTF-8 (byte {e.start})")
            continue
        except ValueError as e:
            yield ReadError(item_source, f"line {lineno} is not valid JSON: {_json_reason(e)}")
            continue
        yield _item(obj, raw, item_source, names, read_at, what=f"line {lineno}")


def _item(obj, raw: bytes, source: str, names, read_at, what: str | None = None) -> Item:
    try:
        article = object_to_article(obj, names, source, what=what)
    except ReadError as e:
        return e
    return stamp(article, source=article.url or source, reader=NAME, raw=raw, read_at=read_at)


def object_to_article(obj, names: Mapping[str, Sequence[str]], source: str,
                      what: str | None = None) -> Article:
    """One JSON object to an Article, by the field names in `names`."""
    what = what or "item"
    if not isinstance(obj, dict):
        raise ReadError(source, f"{what} is a JSON {type(obj).__name__}, not an object")
    text = _text(_lookup(obj, names["text"]))
    summary_only = False
    if text and _TRUNCATED.search(text):
        text, summary_only = _TRUNCATED.sub("", text).strip(), True
    if not text:
        text, summary_only = _text(_lookup(obj, names["summary"])), True
    if not text:
        raise ReadError(source, f"{what} has no text (looked for {', '.join(names['text'])})")
    url = _string(_lookup(obj, names["url"]))
    return Article(
        text=text,
        title=_string(_lookup(obj, names["title"])),
        url=url if url and url.startswith(("http://", "https://")) else None,
        outlet=_name(_lookup(obj, names["outlet"])),
        author=_name(_lookup(obj, names["author"])),
        published=dates.parse(_lookup(obj, names["published"])),
        summary_only=summary_only,
    )


def _lookup(obj: dict, names: Sequence[str]):
    for name in names:
        value = obj
        for part in name.split("."):
            value = value.get(part) if isinstance(value, dict) else None
        if value not in (None, "", [], {}):
            return value
    return None


def _text(value) -> str:
    if isinstance(value, list):
        value = "\n".join(v for v in value if isinstance(v, str))
    if not isinstance(value, str):
        return ""
    if "<" in value and re.search(r"</?(?:p|div|br|span|a|em|strong|h\d)\b", value, re.I):
        return fragment_text(value)
    lines = (" ".join(ln.split()) for ln in value.replace("\r\n", "\n").split("\n"))
    return "\n".join(ln for ln in lines if ln).strip()


def _string(value) -> str | None:
    if isinstance(value, int | float) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None


def _name(value) -> str | None:
    """A name from a string, an object with `name`/`title`, or a list of either (joined)."""
    if isinstance(value, dict):
        return _string(value.get("name") or value.get("title"))
    if isinstance(value, list):
        found = [n for n in map(_name, value) if n]
        return ", ".join(found) or None
    return _string(value)


def _json_text(data: bytes, source: str) -> str:
    """The document as text: JSON is UTF-8 (RFC 8259); a BOM is tolerated."""
    for bom, enc in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                     (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            break
    else:
        enc = "utf-8"
    try:
        text = data.decode(enc)
    except UnicodeDecodeError as e:
        raise ReadError(source, f"JSON that is not valid {enc} (byte {e.start})") from None
    if not text.strip():
        raise ReadError(source, "empty file")
    return text


def _locate_items(doc, text: str) -> tuple[list, int | None]:
    """The article objects of a document and where their list starts in `text` (None: the
    document is one article)."""
    if isinstance(doc, list):
        return doc, text.index("[")
    if isinstance(doc, dict):
        path = _list_path(doc)
        if path is not None:
            value = doc
            for key in path:
                value = value[key]
            return value, _value_start(text, path)
        return [doc], None
    return [doc], None


def _list_path(doc: dict, depth: int = 2) -> list[str] | None:
    """Keys leading to the list of articles: a LIST_KEYS key, else the one list of objects in an
    object that is no article itself (`{"posts": [...]}`), one level down at most."""
    for key in LIST_KEYS:
        if isinstance(doc.get(key), list):
            return [key]
    lists = [k for k, v in doc.items()
             if isinstance(v, list) and v and all(isinstance(x, dict) for x in v[:10])]
    if len(lists) == 1 and not any(k in doc for k in FIELD_MAP["text"] + FIELD_MAP["summary"]):
        return lists
    if depth > 1:
        for key, value in doc.items():
            if isinstance(value, dict):
                sub = _list_path(value, depth - 1)
                if sub is not None:
                    return [key, *sub]
    return None


def _ws(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in " \t\r\n":
        pos += 1
    return pos


def _value_start(text: str, path: list[str]) -> int:
    """Where the value at `path` (keys of nested objects) starts in `text`."""
    pos = _ws(text, 0)
    for key in path:
        pos = _ws(text, pos + 1)  # past "{"
        found = None
        while found is None:
            name, pos = _DECODER.raw_decode(text, pos)
            pos = _ws(text, _ws(text, pos) + 1)  # past ":"
            if name == key:
                found = pos
                continue
            _, pos = _DECODER.raw_decode(text, pos)
            pos = _ws(text, _ws(text, pos) + 1)  # past ","
        pos = found
    return pos


def _element_spans(text: str, start: int) -> list[tuple[int, int]]:
    """(start, end) of each element of the JSON array beginning at `start`."""
    spans, pos = [], _ws(text, start + 1)
    while pos < len(text) and text[pos] != "]":
        _, end = _DECODER.raw_decode(text, pos)
        spans.append((pos, end))
        pos = _ws(text, _ws(text, end) + (1 if text[_ws(text, end)] == "," else 0))
    return spans


def _json_reason(e: ValueError) -> str:
    if isinstance(e, json.JSONDecodeError):
        return f"{e.msg} (line {e.lineno}, column {e.colno})"
    return str(e)
