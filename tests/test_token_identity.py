"""spaCy makes a new Token object on every access, so `tok.head is tok` is never true, even at a
sentence's root: tokens are compared with `==` (issue 12: `tense.py` compared them with `is`)."""

from __future__ import annotations

import re
from importlib.resources import files

from newsfacts.ingest.extract.tense import governing_verb

IDENTITY = re.compile(r"\b(?:head|verb|tok|t)(?:\.head)? is (?:not )?(?:head|verb|tok|t)\b")


def test_a_token_is_a_new_object_on_every_access(parse):
    doc = parse("The council voted on Friday.")
    root = doc[2]
    assert root.head == root and root.head is not root


def test_the_governing_verb_of_a_word_is_found_up_to_the_root(parse):
    doc = parse("The council voted on Friday.")
    assert governing_verb(doc[4]).text == "voted"
    assert governing_verb(doc[2]).text == "voted"


def test_no_extractor_compares_tokens_by_identity():
    folder = files("newsfacts.ingest.extract")
    hits = [(p.name, line.strip()) for p in folder.iterdir() if p.name.endswith(".py")
            for line in p.read_text(encoding="utf-8").splitlines() if IDENTITY.search(line)]
    assert hits == []
