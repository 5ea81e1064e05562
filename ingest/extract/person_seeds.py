"""People the small spaCy model does not tag: a capitalised given name from the given-name lists
followed by a surname, neither inside any entity, is a PERSON.

`Ana Ruiz joined the protest. “We want answers,” she said.`: the model leaves `Ana Ruiz`
untagged, so `she` finds no one; tagged, she is Ana Ruiz, and the given name tells her gender.
Only untagged words are seeded: an entity the model did find (`Virginia Tech` as ORG, `May` as
DATE) keeps its label, so the figure and date rules see the same entities as before.
"""

from __future__ import annotations

from spacy.tokens import Span

from .names import FEMALE_NAMES, MALE_NAMES, TITLES

GIVEN_NAMES = FEMALE_NAMES | MALE_NAMES
MAX_SURNAME_WORDS = 2  # `Ana Ruiz`, `Ana de la Cruz` is left alone; `Mary Ann Cole` is two given names and a surname


def _name_word(tok) -> bool:
    """A capitalised proper noun outside every entity, on the given name's line."""
    return (tok.pos_ == "PROPN" and tok.text[:1].isupper() and not tok.is_upper and tok.is_alpha
            and not tok.ent_type_ and tok.lower_.rstrip(".") not in TITLES)


def _seed_at(doc, i: int) -> Span | None:
    """The untagged full name starting at token `i`, or None."""
    first = doc[i]
    if first.lower_ not in GIVEN_NAMES or not _name_word(first) or "\n" in first.whitespace_:
        return None
    end = i + 1
    while end < len(doc) and end - i <= MAX_SURNAME_WORDS and _name_word(doc[end]) and "\n" not in doc[end - 1].whitespace_:
        end += 1
    if end == i + 1:
        return None
    after = doc[end] if end < len(doc) and "\n" not in doc[end - 1].whitespace_ else None
    if after is not None and (after.pos_ == "PROPN" or after.ent_type_):
        return None  # `Mary Cole Foundation`, `Paul Grant Elementary`: a longer name that is not a person's
    before = doc[i - 1] if i > 0 else None
    if before is not None and not before.whitespace_ and (before.is_alpha or before.text in ("-", "‐")):
        return None  # `Eva-Marie Persson`: the given name is the end of a longer word
    if before is not None and before.pos_ == "PROPN" and before.lower_.rstrip(".") not in TITLES \
            and "\n" not in before.whitespace_:
        return None  # `Harbor Ana Street`: the given name is inside a longer proper name
    return Span(doc, i, end, label="PERSON")


def seed_people(doc) -> list[Span]:
    """Tag the untagged full names that start with a known given name as PERSON (in place), and
    return the spans added."""
    seeds = []
    i = 0
    while i < len(doc):
        span = _seed_at(doc, i)
        if span is None:
            i += 1
            continue
        seeds.append(span)
        i = span.end
    if seeds:
        doc.set_ents(seeds, default="unmodified")
    return seeds
