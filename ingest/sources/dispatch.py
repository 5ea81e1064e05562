"""From a target (file, folder, URL, standard input) to articles: open it, sniff what it is,
hand it to the reader for that format, and turn every failure into a ReadError so one bad input
never stops the rest. Everything is a generator: nothing holds more than one input at a time;
WARC, JSON Lines and JSON exports over MAX_BYTES are streamed record by record."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import BinaryIO
from urllib.parse import urlsplit

from . import feed, html, jsonexport, text, url as url_reader, warc
from .base import MAX_BYTES, Item, ReadError
from .sniff import HEAD_BYTES, sniff
from .streams import GzipStream, Reader, read_limited

STDIN_SOURCE = "<stdin>"
MAX_GZIP_DEPTH = 2

FieldMap = Mapping[str, str | Sequence[str]] | None


def iter_inputs(targets: Iterable[str], *, timeout: float = url_reader.TIMEOUT,
                field_map: FieldMap = None, stdin: BinaryIO | None = None) -> Iterator[Item]:
    """Each article of each target, or a ReadError for each input or item that failed.

    A target is a file, a folder (recursive, sorted, hidden files skipped), an http(s) URL, or
    `-` for standard input. Never raises for bad input: errors are yielded and reading goes on.
    A field map naming an unknown Article field (parameter or NEWSFACTS_FIELD_MAP) is a
    configuration mistake, raised as ValueError before anything is read.
    """
    jsonexport.field_names(field_map)
    for target in targets:
        target = str(target)
        if target == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            yield from _guarded(STDIN_SOURCE, lambda: iter_stream(stream, STDIN_SOURCE,
                                                                  field_map=field_map))
        elif url_reader.is_url(target):
            yield from _guarded(target, lambda: iter_url(target, timeout=timeout,
                                                         field_map=field_map))
        elif os.path.isdir(target):
            for path in walk(Path(target)):
                yield from _guarded(str(path), lambda: iter_file(path, field_map=field_map))
        else:
            yield from _guarded(target, lambda: iter_file(Path(target), field_map=field_map))


def iter_file(path: Path, *, field_map: FieldMap = None) -> Iterator[Item]:
    """The articles of one file (raises ReadError when the file as a whole fails)."""
    source = str(path)
    try:
        f = open(path, "rb")
    except OSError as e:
        raise ReadError(source, e.strerror or str(e)) from None
    with f:
        yield from iter_stream(f, source, name=path.name, field_map=field_map)


def iter_url(target: str, *, timeout: float = url_reader.TIMEOUT,
             field_map: FieldMap = None) -> Iterator[Item]:
    """The articles at a URL: a page, or a feed's items (the content type and content decide)."""
    import io

    fetched = url_reader.fetch(target, timeout=timeout)
    yield from iter_stream(io.BytesIO(fetched.data), target, name=urlsplit(fetched.url).path,
                           content_type=fetched.content_type, url=fetched.url,
                           field_map=field_map)


def iter_bytes(data: bytes, source: str, *, name: str = "", field_map: FieldMap = None
               ) -> Iterator[Item]:
    """The articles in bytes already in memory (raises ReadError when the input fails as a whole)."""
    import io

    yield from iter_stream(io.BytesIO(data), source, name=name or source, field_map=field_map)


def iter_stream(stream: BinaryIO, source: str, *, name: str = "", content_type: str | None = None,
                url: str | None = None, field_map: FieldMap = None,
                read_at: datetime | None = None, _depth: int = 0) -> Iterator[Item]:
    """The articles of one input stream, by what its first bytes say it is."""
    rest = stream if isinstance(stream, Reader) else Reader(stream)
    head = rest.peek(HEAD_BYTES)
    if not head:
        rest.read(1)  # raises the error met before the first byte, if any
        raise ReadError(source, "empty file")
    kind = sniff(head, name, content_type)
    if kind == "gzip":
        if _depth >= MAX_GZIP_DEPTH:
            raise ReadError(source, "gzip nested too deep")
        # decompressed here, whether per record (.warc.gz) or whole: warcio refuses the latter
        inner = Reader(GzipStream(rest, source))
        stem = name[:-3] if name.lower().endswith(".gz") else name
        yield from iter_stream(inner, source, name=stem, content_type=None, url=url,
                               field_map=field_map, read_at=read_at, _depth=_depth + 1)
        return
    if kind == "warc":
        yield from warc.read_stream(rest, source)
    elif kind == "jsonl":
        yield from jsonexport.read_lines(rest, source, field_map=field_map, read_at=read_at)
    elif kind == "json":
        yield from jsonexport.read_stream(rest, source, field_map=field_map, read_at=read_at)
    else:
        data = read_limited(rest, MAX_BYTES, source)
        yield from read_data(data, source, kind, url=url, field_map=field_map, read_at=read_at)


def read_data(data: bytes, source: str, kind: str, *, url: str | None = None,
              field_map: FieldMap = None, read_at: datetime | None = None) -> Iterator[Item]:
    """The articles of a whole input in memory, read as `kind` (a name `sniff` returns)."""
    if kind == "html":
        return html.read(data, source, url=url, read_at=read_at)
    if kind == "feed":
        return feed.read(data, source, read_at=read_at)
    if kind == "json":
        return jsonexport.read(data, source, field_map=field_map, read_at=read_at)
    return text.read(data, source, read_at=read_at)


def walk(folder: Path) -> Iterator[Path]:
    """Files under `folder`, depth first, sorted by name in each folder, hidden ones (and hidden
    folders) skipped, symlinked folders not followed (no loops)."""
    try:
        with os.scandir(folder) as it:
            entries = sorted((e for e in it if not e.name.startswith(".")), key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        try:
            if entry.is_dir(follow_symlinks=False):
                yield from walk(Path(entry.path))
            elif entry.is_file():
                yield Path(entry.path)
        except OSError:
            continue


def _guarded(source: str, read: Callable[[], Iterator[Item]]) -> Iterator[Item]:
    """The items of `read()`, its failure turned into a yielded ReadError (the last item)."""
    try:
        yield from read()
    except ReadError as e:
        yield e
    except Exception as e:  # a reader bug must not end a 100,000-article ingest
        yield ReadError(source, f"unexpected {type(e).__name__} while reading: {e}")
