"""Byte streams for the readers: look at the first bytes without losing them, read with a size
limit, and decompress gzip with its failures turned into ReadError."""

from __future__ import annotations

import io
import zlib
from typing import BinaryIO

from .base import MAX_BYTES, MAX_DECOMPRESSED, MAX_GZIP_RATIO, ReadError


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
    """The decompressed bytes of a gzip stream (one member or several, as in .warc.gz), handed out
    as they come: everything before a truncation or corruption is read, then ReadError is raised.
    Output is bounded per read, so a small bomb cannot fill memory, and in total (MAX_DECOMPRESSED,
    and MAX_GZIP_RATIO past MAX_BYTES), so it cannot take minutes either."""

    CHUNK = 64 * 1024

    def __init__(self, stream: BinaryIO, source: str, *, max_out: int | None = None,
                 max_ratio: int | None = None):
        self._stream = stream
        self._source = source
        self._member = zlib.decompressobj(wbits=31)
        self._input = b""
        self._fed = False  # has the current member had any input?
        self._in = self._out = 0
        self._max_out = MAX_DECOMPRESSED if max_out is None else max_out
        self._max_ratio = MAX_GZIP_RATIO if max_ratio is None else max_ratio

    def _count(self, n: int) -> None:
        self._out += n
        if self._out > self._max_out:
            raise ReadError(self._source, f"gzip bomb: decompresses to more than {self._max_out:,} bytes")
        if self._out > MAX_BYTES and self._out > self._max_ratio * max(self._in, 1):
            raise ReadError(self._source, f"gzip bomb: {self._in:,} compressed bytes grew past "
                                          f"{self._out:,} (more than {self._max_ratio} times)")

    def readable(self) -> bool:
        return True

    def readinto(self, b) -> int:
        while True:
            if self._input:
                try:
                    out = self._member.decompress(self._input, len(b))
                except zlib.error as e:
                    raise ReadError(self._source, f"corrupt gzip ({e})") from None
                self._fed = True
                self._input = self._member.unconsumed_tail
                if self._member.eof:
                    rest = self._member.unused_data
                    self._member, self._fed = zlib.decompressobj(wbits=31), False
                    self._input = rest if rest.strip(b"\x00") else b""  # NUL padding ends it
                if out:
                    self._count(len(out))
                    b[:len(out)] = out
                    return len(out)
                if self._input:
                    continue
            chunk = self._stream.read(self.CHUNK)
            if not chunk:
                if self._fed:
                    raise ReadError(self._source, "truncated gzip (the file ends before its end marker)")
                return 0
            self._in += len(chunk)
            self._input = chunk


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


class Reader(io.BufferedIOBase):
    """A buffered reader that can peek far ahead and that hands out every byte read before a
    ReadError (truncated gzip) before raising it, where io.BufferedReader would drop the last
    partial block: the records before a truncation are kept."""

    CHUNK = 64 * 1024

    def __init__(self, raw: BinaryIO):
        self._raw = raw
        self._buf = bytearray()
        self._error: ReadError | None = None
        self._eof = False

    def readable(self) -> bool:
        return True

    def _fill(self) -> bool:
        """Append one read to the buffer; False at the end or once an error is pending."""
        if self._error is not None or self._eof:
            return False
        try:
            chunk = self._raw.read(self.CHUNK)
        except ReadError as e:
            self._error = e
            return False
        if not chunk:
            self._eof = True
            return False
        self._buf += chunk
        return True

    def _take(self, n: int) -> bytes:
        if not self._buf and self._error is not None:
            raise self._error
        out = bytes(self._buf[:n])
        del self._buf[:n]
        return out

    def peek(self, n: int = 1) -> bytes:
        """Up to `n` bytes ahead, not consumed (fewer only at the end or before an error)."""
        while len(self._buf) < n and self._fill():
            pass
        return bytes(self._buf[:n])

    def read(self, n: int | None = -1) -> bytes:
        while (n is None or n < 0 or len(self._buf) < n) and self._fill():
            pass
        return self._take(len(self._buf) if n is None or n < 0 else n)

    def read1(self, n: int = -1) -> bytes:
        if not self._buf:
            self._fill()
        return self._take(len(self._buf) if n < 0 else n)

    def readinto(self, b) -> int:
        data = self.read(len(b))
        b[:len(data)] = data
        return len(data)

    def skip_space(self) -> int:
        """Drop white space ahead (at C speed, a buffer at a time) and return how many newlines it
        held: a file of millions of blank lines costs seconds, not millions of readline calls."""
        newlines = 0
        while True:
            stripped = self._buf.lstrip()
            gone = len(self._buf) - len(stripped)
            if gone:
                newlines += self._buf.count(b"\n", 0, gone)
                del self._buf[:gone]
            if self._buf or not self._fill():
                return newlines

    def readline(self, limit: int | None = -1) -> bytes:
        limit = -1 if limit is None else limit
        start = 0
        while True:
            i = self._buf.find(b"\n", start)
            if i >= 0:
                end = i + 1
                break
            if 0 <= limit <= len(self._buf):
                end = limit
                break
            start = len(self._buf)
            if not self._fill():
                end = len(self._buf)
                break
        return self._take(end if limit < 0 else min(end, limit))
