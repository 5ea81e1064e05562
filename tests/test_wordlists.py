"""The extractors' word lists (`ingest/extract/words/*.txt`): each says what belongs in it, holds
each word once, and shares a word with another list only where `overlaps.txt` says so."""

from __future__ import annotations

import itertools
from collections import Counter
from importlib.resources import files

from newsfacts.ingest.extract import wordlists

FOLDER = files("newsfacts.ingest.extract").joinpath("words")
LISTS = sorted(p.name[:-4] for p in FOLDER.iterdir() if p.name.endswith(".txt") and p.name != "overlaps.txt")


def _declared() -> set[tuple[str, str, str]]:
    out = set()
    for entry in wordlists.entries(FOLDER.joinpath("overlaps.txt").read_text(encoding="utf-8")):
        a, b, word = entry.split()
        out.add((min(a, b), max(a, b), word))
    return out


def test_every_list_opens_with_a_header_saying_what_belongs():
    for name in LISTS:
        first = wordlists.read(name).splitlines()[0]
        assert first.startswith("# ") and len(first.split()) > 4, name


def test_no_list_holds_a_word_twice():
    for name in LISTS:
        twice = [w for w, n in Counter(wordlists.entries(wordlists.read(name))).items() if n > 1]
        assert twice == [], (name, twice)


def test_lists_share_only_the_words_declared_in_overlaps():
    found = {(a, b, w) for a, b in itertools.combinations(LISTS, 2)
             for w in wordlists.words(a) & wordlists.words(b)}
    declared = _declared()
    assert found - declared == set(), "undeclared overlaps: add them to overlaps.txt or fix the lists"
    assert declared - found == set(), "overlaps.txt declares words the lists no longer share"


def test_a_list_is_read_once():
    assert wordlists.words("speech_verbs") is wordlists.words("speech_verbs")
    assert "say" in wordlists.words("speech_verbs")


def test_the_checks_catch_a_duplicate_and_a_comment():
    assert wordlists.entries("# header\nsay\nSay  # again\n\ntell\n") == ["say", "say", "tell"]
