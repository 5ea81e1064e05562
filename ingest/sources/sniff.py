"""Which reader an input needs, told by its first bytes; the file name is only a tie-breaker."""

from __future__ import annotations

import codecs
import json
import re

GZIP_MAGIC = b"\x1f\x8b"
HEAD_BYTES = 64 * 1024

_FEED_ROOT = re.compile(rb"<(?:[\w-]+:)?(?:rss|feed|rdf)\b", re.I)
_HTML_TAG = re.compile(rb"<(?:!doctype\s+html|html|head|body|meta|title|div|p|article|script|link)\b", re.I)
_PROLOG = re.compile(rb"(?:\s*(?:<\?.*?\?>|<!--.*?-->|<!doctype\s+(?!html)[^>\[]*(?:\[.*?\])?\s*>))*\s*",
                     re.S | re.I)
"""What may come before the root element: XML declaration, stylesheets, comments, a non-HTML
doctype, with its internal subset of entities (an HTML doctype is left, so the page is told by it)."""


def sniff(head: bytes, name: str = "", content_type: str | None = None) -> str:
    """One of "gzip", "warc", "feed", "html", "json", "jsonl", "text" for an input starting with
    `head`. Content decides; `name` (a file name or URL) and `content_type` (an HTTP header) only
    settle what the bytes leave open (a long first JSON line, XML of unknown kind)."""
    if head.startswith(GZIP_MAGIC):
        return "gzip"
    if head.startswith(b"WARC/"):
        return "warc"
    body = _strip_bom(head).lstrip()
    name = name.lower()
    ctype = (content_type or "").split(";")[0].strip().lower()
    if body[:1] in (b"{", b"["):
        return _json_kind(body, name)
    if body[:1] == b"<":
        prolog = _PROLOG.match(body[:8192])
        if _FEED_ROOT.match(body, prolog.end()):
            return "feed"
        if _HTML_TAG.search(body[:8192]):
            return "html"
        if "xml" in ctype or name.endswith((".rss", ".atom", ".xml", ".rdf")):
            return "feed"
        return "html"
    if name.endswith((".jsonl", ".ndjson")) or ctype in ("application/x-ndjson", "application/jsonl"):
        return "jsonl"
    return "text"


def _strip_bom(b: bytes) -> bytes:
    """The head without its byte-order mark, UTF-16 re-encoded as UTF-8 so the tests above apply."""
    if b.startswith(codecs.BOM_UTF8):
        return b[len(codecs.BOM_UTF8):]
    for bom, enc in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if b.startswith(bom):
            return b[2:].decode(enc, "ignore").encode("utf-8")
    return b


def _json_kind(body: bytes, name: str) -> str:
    """JSON Lines when the first line is a whole object and more follows; else one JSON document."""
    if name.endswith((".jsonl", ".ndjson")):
        return "jsonl"
    if body[:1] != b"{":
        return "json"
    nl = body.find(b"\n")
    if nl < 0:
        return "json"
    try:
        json.loads(body[:nl])
    except ValueError:
        return "json"
    return "jsonl" if body[nl:].strip()[:1] in (b"{", b"") else "json"
