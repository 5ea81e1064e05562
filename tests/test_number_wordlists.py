"""The figure and date word lists (`ingest/extract/words/numbers/*.txt`): each says what belongs in
it, holds each entry once, shares an entry with another list only where `overlaps.txt` says so,
and a table's values read as the code expects (numbers where numbers are meant)."""

from __future__ import annotations

import itertools
from collections import Counter
from importlib.resources import files

import pytest

from newsfacts.ingest.extract import wordlists

FOLDER = files("newsfacts.ingest.extract").joinpath("words", "numbers")
LISTS = sorted(p.name[:-4] for p in FOLDER.iterdir() if p.name.endswith(".txt") and p.name != "overlaps.txt")
NUMERIC = ["number_words", "scale_words", "short_scales", "vague_magnitudes", "fraction_denominators",
           "ratio_words", "months", "weekdays", "ordinal_days", "date_directions"]


def _declared() -> set[tuple[str, str, str]]:
    out = set()
    for line in wordlists.read("numbers/overlaps").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        a, b, word = line.split(" ", 2)
        out.add((min(a, b), max(a, b), word.strip().lower()))
    return out


def test_every_list_opens_with_a_header_saying_what_belongs():
    assert len(LISTS) > 40
    for name in LISTS:
        first = wordlists.read(f"numbers/{name}").splitlines()[0]
        assert first.startswith("# ") and len(first.split()) > 4, name


def test_no_list_holds_an_entry_twice():
    for name in LISTS:
        twice = [w for w, n in Counter(wordlists.entries(wordlists.read(f"numbers/{name}"))).items() if n > 1]
        assert twice == [], (name, twice)


def test_lists_share_only_the_entries_declared_in_overlaps():
    found = {(a, b, w) for a, b in itertools.combinations(LISTS, 2)
             for w in wordlists.words(f"numbers/{a}") & wordlists.words(f"numbers/{b}")}
    declared = _declared()
    assert found - declared == set(), "undeclared overlaps: add them to overlaps.txt or fix the lists"
    assert declared - found == set(), "overlaps.txt declares entries the lists no longer share"


@pytest.mark.parametrize("name", NUMERIC)
def test_numeric_tables_hold_numbers(name):
    values = wordlists.numbers(f"numbers/{name}")
    assert values and set(values) == wordlists.words(f"numbers/{name}")


def test_a_table_keeps_the_case_of_its_values():
    assert wordlists.table("numbers/measures")["kw"] == "kW"
    assert wordlists.table("numbers/currency_symbols")["hk$"] == "HKD"
    assert wordlists.entries("# header\nkw = kW  # power\nKWh = kWh\n") == ["kw", "kwh"]
