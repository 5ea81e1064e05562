"""The extractors' word lists, one data file each in `words/` (one entry a line, a header saying
what belongs), read once. A new word is one line; `tests/test_wordlists.py` refuses duplicates
and overlaps between lists that `words/overlaps.txt` does not declare.

A list whose lines read `entry = value` is a table (`kw = kW` in `words/numbers/measures.txt`):
`table` gives its values as written, `words` its entries. The figure and date lists live in
`words/numbers/` (`words("numbers/hedges")`), checked by `tests/test_number_wordlists.py`."""

from __future__ import annotations

from functools import cache
from importlib.resources import files


def entries(text: str) -> list[str]:
    """The entries of a list file, in order: lines without their `#` comments, blank ones skipped;
    of a table's `entry = value` lines, the entry."""
    out = []
    for line in text.splitlines():
        entry = line.split("#", 1)[0].split(" = ", 1)[0].strip().lower()
        if entry:
            out.append(entry)
    return out


def read(name: str) -> str:
    return files(__package__).joinpath("words", *f"{name}.txt".split("/")).read_text(encoding="utf-8")


@cache
def words(name: str) -> frozenset[str]:
    """The words of list `name` (`speech_verbs` reads `words/speech_verbs.txt`)."""
    return frozenset(entries(read(name)))


@cache
def table(name: str) -> dict[str, str]:
    """The `entry = value` lines of list `name`, entries lower-cased, values as written."""
    out = {}
    for line in read(name).splitlines():
        entry, sep, value = line.split("#", 1)[0].partition(" = ")
        if sep and entry.strip():
            out[entry.strip().lower()] = value.strip()
    return out


def numbers(name: str) -> dict[str, float]:
    """A table whose values are numbers (`thousand = 1000`)."""
    return {k: float(v) for k, v in table(name).items()}
