"""What every reader shares: the error it raises, the limits it enforces, the provenance it stamps."""

from __future__ import annotations

import hashlib
from datetime import datetime, timezone
from typing import Union

from newsfacts.schema.article import Article

MAX_BYTES = 20 * 1024 * 1024
"""Largest input accepted, in bytes. A news article is kilobytes; tens of megabytes is a mistake
(a dump, a binary) and would stall the NLP pipeline, so it is refused with a clear message.
Streamed containers (WARC, JSON Lines) are not limited as a whole, only each record/line, and
by the decompression limits below."""

MAX_DECOMPRESSED = 2 * 1024 ** 3
"""Most bytes one gzipped input may decompress to: a bound on the work of any reader, streamed
JSON and JSON Lines included ("a size cap on decompressed bytes for every reader")."""
MAX_GZIP_RATIO = 100
"""Past MAX_BYTES of output, a gzip stream that has grown more than this many times its
compressed size is a bomb (text compresses 3 to 10 times; a 2 MB file of newlines, 1000 times)."""

MIN_TEXT_CHARS = 25
"""Fewer characters of text than this is no article ("texts and feed items below a minimum
length ... are refused"): a JSON scalar `42`, a stray word, an empty template."""


class ReadError(Exception):
    """An input that cannot become an article; the message is one line a person can act on."""

    def __init__(self, source: str, reason: str):
        reason = " ".join(str(reason).split())[:500] or "unreadable"
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason

    def __reduce__(self):
        return (ReadError, (self.source, self.reason))


Item = Union[Article, ReadError]
"""What the lazy readers yield: an article, or the error of one input or item (and go on)."""


def stamp(article: Article, *, source: str, reader: str, raw: bytes | None,
          read_at: datetime | None = None, keep_raw: bool = True) -> Article:
    """The article with its provenance: where it came from, which reader, when, and the exact
    bytes it was read from (hashed always, kept when `keep_raw`), so the archive can store them."""
    update = {
        "source": source,
        "reader": reader,
        "read_at": read_at or datetime.now(timezone.utc),
    }
    if raw is not None:
        update["raw_sha256"] = hashlib.sha256(raw).hexdigest()
        update["raw"] = raw if keep_raw else None
    return article.model_copy(update=update)
