"""The exact bytes an article was read from, kept compressed as the log holds them.

"the original bytes still kept" (issue 11), once: the `original.stored` event holds them
zlib-compressed (base64 in its JSON), and the `originals` table holds the same compressed bytes,
not a second, inflated copy (4.4 KB per article of the scaled archive, the largest table after the
log and the quotes). They are inflated where they are read: here, and at /-/original/<sha256>.
"""

from __future__ import annotations

import base64
import hashlib
import sqlite3
import zlib

MAX_SIZE = 64 * 1024 * 1024
"""Inflate no more than this (datasette_safety.MAX_LENGTH: the largest blob a query may make)."""


def compressed(data_b64: str) -> bytes:
    """The zlib stream of an original.stored payload's `data`, as the table keeps it."""
    return base64.b64decode(data_b64, validate=True)


def inflate(stream: bytes, size: int) -> bytes:
    """The exact bytes of a zlib stream that should hold `size` of them; raises if it does not."""
    if size > MAX_SIZE:
        raise ValueError(f"an original of {size:,} bytes is larger than {MAX_SIZE:,}")
    d = zlib.decompressobj()
    out = d.decompress(stream, size + 1)
    if len(out) != size or not d.eof:
        raise ValueError(f"the compressed original inflates to {len(out):,}+ bytes, not {size:,}")
    return out


def original_bytes(conn: sqlite3.Connection, sha256: str) -> bytes | None:
    """The bytes read whose SHA-256 is `sha256` (None if the archive has no such original),
    checked against that hash."""
    row = conn.execute("SELECT size, content FROM originals WHERE sha256 = ?", (sha256,)).fetchone()
    if row is None:
        return None
    data = inflate(bytes(row[1]), row[0])
    if hashlib.sha256(data).hexdigest() != sha256:
        raise ValueError(f"original {sha256}: its bytes do not match their SHA-256")
    return data
