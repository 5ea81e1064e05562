"""Readers: one per input format, each turning bytes into Articles and knowing nothing of NLP.

`read_path(path)` yields the articles of one file; `iter_paths(paths)` expands folders.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from newsfacts.schema.article import Article

from . import text
from .base import MAX_BYTES, ReadError
from .decode import decode

__all__ = ["ReadError", "read_path", "read_bytes", "iter_paths"]


def read_bytes(data: bytes, source: str) -> list[Article]:
    """The articles in one input's bytes, by its content."""
    import hashlib

    raw = hashlib.sha256(data).hexdigest()
    article = text.parse_text(decode(data, source), source)
    return [article.model_copy(update={"raw_sha256": raw})]


def read_path(path: Path) -> list[Article]:
    source = str(path)
    try:
        size = path.stat().st_size
    except OSError as e:
        raise ReadError(source, e.strerror or str(e)) from None
    if size > MAX_BYTES:
        raise ReadError(source, f"too large ({size:,} bytes; the limit is {MAX_BYTES:,})")
    try:
        data = path.read_bytes()
    except OSError as e:
        raise ReadError(source, e.strerror or str(e)) from None
    return read_bytes(data, source)


def iter_paths(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files named, and files under folders named (recursively, sorted, hidden ones skipped)."""
    for p in map(Path, paths):
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                if f.is_file() and not any(part.startswith(".") for part in f.relative_to(p).parts):
                    yield f
        else:
            yield p
