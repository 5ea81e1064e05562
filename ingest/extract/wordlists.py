"""The extractors' word lists, one data file each in `words/` (one entry a line, a header saying
what belongs), read once. A new word is one line; `tests/test_wordlists.py` refuses duplicates
and overlaps between lists that `words/overlaps.txt` does not declare."""

from __future__ import annotations

from functools import cache
from importlib.resources import files


def entries(text: str) -> list[str]:
    """The entries of a list file, in order: lines without their `#` comments, blank ones skipped."""
    out = []
    for line in text.splitlines():
        entry = line.split("#", 1)[0].strip().lower()
        if entry:
            out.append(entry)
    return out


def read(name: str) -> str:
    return files(__package__).joinpath("words", f"{name}.txt").read_text(encoding="utf-8")


@cache
def words(name: str) -> frozenset[str]:
    """The words of list `name` (`speech_verbs` reads `words/speech_verbs.txt`)."""
    return frozenset(entries(read(name)))
