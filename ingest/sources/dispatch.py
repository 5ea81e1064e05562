"""From a target (file, folder, URL, standard input) to articles: open it, sniff what it is,
hand it to the reader for that format, and turn every failure into a ReadError so one bad input
never stops the rest. Everything is a generator: nothing holds more than one input at a time;
WARC, JSON Lines and JSON exports over MAX_BYTES are streamed record by record."""

from __future__ import annotations

import errno
import os
import re
import stat
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import BinaryIO
from urllib.parse import urlsplit

from . import feed, html, jsonexport, text, url as url_reader, warc
from .admit import admit, is_sidecar_name
from .base import MAX_BYTES, Item, ReadError
from .sniff import HEAD_BYTES, sniff
from .streams import GzipStream, Reader, read_limited

STDIN_SOURCE = "<stdin>"
MAX_GZIP_DEPTH = 2

FieldMap = Mapping[str, str | Sequence[str]] | None


def iter_inputs(targets: Iterable[str], *, timeout: float = url_reader.TIMEOUT,
                field_map: FieldMap = None, stdin: BinaryIO | None = None,
                follow_links: bool = False) -> Iterator[Item]:
    """Each article of each target, or a ReadError for each input or item that failed.

    A target is a file, a folder (recursive, sorted, hidden and sidecar files skipped, symbolic
    links out of it refused unless `follow_links`), an http(s) URL, or `-` for standard input.
    Never raises for bad input: errors are yielded and reading goes on.
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
            for path in walk(Path(target), follow_links=follow_links):
                if isinstance(path, ReadError):
                    yield path
                else:
                    yield from _guarded(display(path), lambda: iter_file(path, field_map=field_map))
        elif is_sidecar_name(target):
            yield ReadError(display(target), f"a sidecar or metadata file ({Path(target).suffix}), "
                                             "not an article")
        else:
            yield from _guarded(display(target), lambda: iter_file(Path(target), field_map=field_map))


def display(path: str | Path) -> str:
    """A path as the archive names it: valid UTF-8 always, bytes that are not escaped (`\\xff`), so
    a file name that is not UTF-8 is named and read like any other (the name is stored, hashed
    and printed; the file is still opened by its real bytes); control characters are escaped too."""
    name = os.fsencode(path).decode("utf-8", "backslashreplace")
    return _CONTROL.sub(lambda m: f"\\x{ord(m[0]):02x}", name)  # a newline in a name keeps its line


_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def iter_file(path: Path, *, field_map: FieldMap = None) -> Iterator[Item]:
    """The articles of one file (raises ReadError when the file as a whole fails). Only a regular
    file is read: a FIFO or a device would block or never end ("no reads from anything that is
    not a regular file"); it is opened without blocking and refused by what fstat says."""
    source = display(path)
    try:
        kind = _not_regular(os.stat(path).st_mode)  # a socket cannot even be opened
        if kind:
            raise ReadError(source, f"not a regular file ({kind})")
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    except OSError as e:
        raise ReadError(source, e.strerror or str(e)) from None
    kind = _not_regular(os.fstat(fd).st_mode)  # replaced by a FIFO since: still refused
    if kind:
        os.close(fd)
        raise ReadError(source, f"not a regular file ({kind})")
    with os.fdopen(fd, "rb") as f:
        yield from iter_stream(f, source, name=display(Path(path).name), field_map=field_map)


def _not_regular(mode: int) -> str | None:
    if stat.S_ISREG(mode):
        return None
    for test, name in ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISCHR, "a character device"),
                       (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"),
                       (stat.S_ISDIR, "a folder")):
        if test(mode):
            return name
    return "not a file"


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
        items = warc.read_stream(rest, source)
    elif kind == "jsonl":
        items = jsonexport.read_lines(rest, source, field_map=field_map, read_at=read_at)
    elif kind == "json":
        items = jsonexport.read_stream(rest, source, field_map=field_map, read_at=read_at)
    else:
        data = read_limited(rest, MAX_BYTES, source)
        items = read_data(data, source, kind, url=url, field_map=field_map, read_at=read_at)
    yield from map(admit, items)


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


def walk(folder: Path, *, follow_links: bool = False, _root: str | None = None
         ) -> Iterator[Path | ReadError]:
    """Files under `folder`, depth first, sorted by name in each folder; hidden files and folders
    and sidecar files (sidecar_suffixes.txt) skipped, symlinked folders not followed (no loops).
    A symbolic link to a file outside the folder is a ReadError unless `follow_links` ("symbolic
    links are not followed out of the folder being ingested"), as is a broken or looping one."""
    root = _root or os.path.realpath(folder)
    try:
        with os.scandir(folder) as it:
            entries = sorted((e for e in it if not e.name.startswith(".")), key=lambda e: os.fsencode(e.name))
    except OSError:
        return
    for entry in entries:
        try:
            if entry.is_dir(follow_symlinks=False):
                yield from walk(Path(entry.path), follow_links=follow_links, _root=root)
            elif is_sidecar_name(entry.name):
                continue
            elif entry.is_symlink():
                problem = _link_problem(entry.path, root, follow_links)
                yield ReadError(display(entry.path), problem) if problem else Path(entry.path)
            else:
                yield Path(entry.path)
        except OSError:
            continue


def _link_problem(path: str, root: str, follow_links: bool) -> str | None:
    """Why the symbolic link at `path` is not read, or None."""
    try:
        target = os.path.realpath(path, strict=True)
    except OSError as e:
        return ("a symbolic link loop" if e.errno == errno.ELOOP
                else f"a broken symbolic link ({e.strerror or e})")
    if os.path.isdir(target):
        return "a symbolic link to a folder (not followed)"
    if not follow_links and os.path.commonpath([root, target]) != root:
        return (f"a symbolic link out of the folder (to {display(target)}); not followed "
                "(--follow-symlinks reads it)")
    return None


def _guarded(source: str, read: Callable[[], Iterator[Item]]) -> Iterator[Item]:
    """The items of `read()`, its failure turned into a yielded ReadError (the last item)."""
    try:
        yield from read()
    except ReadError as e:
        yield e
    except Exception as e:  # a reader bug must not end a 100,000-article ingest
        yield ReadError(source, f"unexpected {type(e).__name__} while reading: {e}")
