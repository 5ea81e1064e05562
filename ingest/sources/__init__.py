"""Readers: one per input format, each turning bytes into Articles and knowing nothing of NLP.

The call for an ingest is `iter_inputs(targets)`: files, folders, http(s) URLs and `-` (standard
input) in, a lazy stream of `Article` (with provenance: source, reader, read_at, raw_sha256, raw)
or `ReadError` (source + one-line reason) out; it never raises for bad input.
The format is told by content (sniff.py): text (text.py), HTML page (html.py), RSS/Atom
(feed.py), JSON / JSON Lines (jsonexport.py), WARC (warc.py), each possibly gzipped.

`read_bytes(data, source)` and `read_path(path)` return a list of the articles of one input and
raise ReadError when there is none; `iter_bytes` and `iter_file` also yield the per-item errors.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from newsfacts.schema.article import Article

from .base import MAX_BYTES, Item, ReadError
from .dispatch import iter_bytes, iter_file, iter_inputs, iter_stream, iter_url, walk

__all__ = ["Article", "Item", "MAX_BYTES", "ReadError", "iter_bytes", "iter_file", "iter_inputs",
           "iter_paths", "iter_stream", "iter_url", "read_bytes", "read_path"]


def read_bytes(data: bytes, source: str) -> list[Article]:
    """The articles in one input's bytes, by its content. Per-item errors of a multi-article input
    (a bad feed item, a bad JSON line) are skipped when other items are good; when no article can
    be read, the first error is raised."""
    return _articles(iter_bytes(data, source), source)


def read_path(path: Path) -> list[Article]:
    """The articles of one file (same rules as `read_bytes`)."""
    return _articles(iter_file(Path(path)), str(path))


def iter_paths(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files named, and files under folders named (recursively, sorted, hidden ones skipped)."""
    for p in map(Path, paths):
        if p.is_dir():
            yield from (f for f in walk(p) if isinstance(f, Path))
        else:
            yield p


def _articles(items: Iterator[Item], source: str) -> list[Article]:
    articles, first_error = [], None
    for item in items:
        if isinstance(item, ReadError):
            first_error = first_error or item
        else:
            articles.append(item)
    if not articles:
        raise first_error or ReadError(source, "no article found")
    return articles
