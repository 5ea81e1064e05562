"""The exact bytes an article was read from, kept compressed as the log holds them.

"the original bytes still kept" (issue 11), once: the `original.stored` event holds them
zlib-compressed (base64 in its JSON), and the `originals` table holds the same compressed bytes,
not a second, inflated copy (4.4 KB per article of the scaled archive, the largest table after the
log and the quotes). They are inflated where they are read: here, and at /-/original/<sha256>.

Most of an original is the text read from it, which the log keeps in the `article.revised` event
anyway: compressed with that text as zlib's preset dictionary (`zlib+text`), a plain-text
original costs a few dozen bytes instead of a compressed copy of its words (2.29 -> 0.24 KB per
article of the scaled archive). zlib reaches back 32 KB, so an HTML page gains where its words
lie within that distance of the dictionary; the rest compresses as before.
"""

from __future__ import annotations

import base64
import hashlib
import sqlite3
import zlib

from .texts import revision_text

MAX_SIZE = 64 * 1024 * 1024
"""Inflate no more than this (datasette_safety.MAX_LENGTH: the largest blob a query may make)."""


def deflate(raw: bytes, text: str | None) -> tuple[str, str]:
    """(compression, base64 data) of the bytes, against the text read from them when given."""
    if text is None:
        return "zlib", base64.b64encode(zlib.compress(raw, 9)).decode("ascii")
    c = zlib.compressobj(9, zdict=text.encode("utf-8"))
    return "zlib+text", base64.b64encode(c.compress(raw) + c.flush()).decode("ascii")


def compressed(data_b64: str) -> bytes:
    """The zlib stream of an original.stored payload's `data`, as the table keeps it."""
    return base64.b64decode(data_b64, validate=True)


def inflate(stream: bytes, size: int, dictionary: str | None = None) -> bytes:
    """The exact bytes of a zlib stream that should hold `size` of them (compressed against the
    dictionary text, if any); raises if it does not."""
    if size > MAX_SIZE:
        raise ValueError(f"an original of {size:,} bytes is larger than {MAX_SIZE:,}")
    d = zlib.decompressobj(zdict=dictionary.encode("utf-8")) if dictionary is not None else zlib.decompressobj()
    out = d.decompress(stream, size + 1)
    if len(out) != size or not d.eof:
        raise ValueError(f"the compressed original inflates to {len(out):,}+ bytes, not {size:,}")
    return out


def dictionary_of(conn: sqlite3.Connection, text_of: str | None) -> str | None:
    """The text of the revision `<article id>/<revision>` (in `texts`, as every revision's)."""
    if text_of is None:
        return None
    text = revision_text(conn, text_of)
    if text is None:
        raise ValueError(f"the original's dictionary, the text of revision {text_of}, is not in the archive")
    return text


def original_bytes(conn: sqlite3.Connection, sha256: str) -> bytes | None:
    """The bytes read whose SHA-256 is `sha256` (None if the archive has no such original),
    checked against that hash."""
    row = conn.execute("SELECT size, content, compression, text_of FROM originals WHERE sha256 = ?",
                       (sha256,)).fetchone()
    if row is None:
        return None
    size, content, compression, text_of = row
    data = inflate(bytes(content), size, dictionary_of(conn, text_of) if compression == "zlib+text" else None)
    if hashlib.sha256(data).hexdigest() != sha256:
        raise ValueError(f"original {sha256}: its bytes do not match their SHA-256")
    return data
