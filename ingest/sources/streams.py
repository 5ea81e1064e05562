"""Byte streams for the readers: look at the first bytes without losing them, read with a size
limit, and decompress gzip with its failures turned into ReadError."""

from __future__ import annotations

import gzip
import io
import zlib
from typing import BinaryIO

from .base import ReadError


class Prefixed(io.RawIOBase):
    """`head` (bytes already read) followed by the rest of `stream`: lets a sniffer peek at a
    pipe or a socket, which cannot seek back."""

    def __init__(self, head: bytes, stream: BinaryIO):
        self._head = memoryview(head)
        self._stream = stream

    def readable(self) -> bool:
        return True

    def readinto(self, b) -> int:
        if self._head:
            n = min(len(b), len(self._head))
            b[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        data = self._stream.read(len(b))
        if not data:
            return 0
        b[:len(data)] = data
        return len(data)


class GzipStream(io.RawIOBase):
    """The decompressed bytes of a gzip stream; a truncated or corrupt one raises ReadError."""

    def __init__(self, stream: BinaryIO, source: str):
        self._gz = gzip.GzipFile(fileobj=stream, mode="rb")
        self._source = source

    def readable(self) -> bool:
        return True

    def readinto(self, b) -> int:
        try:
            data = self._gz.read(len(b))
        except EOFError:
            raise ReadError(self._source, "truncated gzip (the file ends before its end marker)") from None
        except (gzip.BadGzipFile, zlib.error, OSError) as e:
            raise ReadError(self._source, f"corrupt gzip ({e})") from None
        b[:len(data)] = data
        return len(data)


def read_head(stream: BinaryIO, n: int) -> bytes:
    """Up to `n` bytes, fewer only at the end of the stream (a pipe may return short reads)."""
    parts, got = [], 0
    while got < n:
        chunk = stream.read(n - got)
        if not chunk:
            break
        parts.append(chunk)
        got += len(chunk)
    return b"".join(parts)


def read_limited(stream: BinaryIO, limit: int, source: str) -> bytes:
    """The whole stream, refused once it passes `limit` bytes (never more is held in memory)."""
    data = read_head(stream, limit + 1)
    if len(data) > limit:
        raise ReadError(source, f"too large (more than {limit:,} bytes)")
    return data


def buffered(raw: io.RawIOBase) -> io.BufferedReader:
    return io.BufferedReader(raw, buffer_size=64 * 1024)
