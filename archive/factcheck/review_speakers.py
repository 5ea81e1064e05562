"""Which of the archive's speakers a published fact-check's claim author is.

"links each to the claims in the archive it matches (same speaker, similar words)". A review
names its claim's author as fact-checkers write it: `Lindgren`, `M. Lindgren`, `Minister Marta
Lindgren`, an organisation's short name. The author is resolved the way a new article's source
is (speaker_index.decide over archive/identity.py's rules: variants, initials, a surname alone
when the archive knows one such person, an organisation's forms), then merges are followed; an
author the archive cannot tell apart from another (two Lindgrens) stays unresolved and links to
nothing, as identity keeps such sources apart."""

from __future__ import annotations

import sqlite3

from ..speaker_article import ArticleSpeaker
from ..speaker_index import decide, resolve, slug
from ..speaker_names import clean_person, person_name, tokens


def surname(author: str | None) -> str | None:
    """The key a review is found by when an article with a speaker of that surname arrives."""
    if not author:
        return None
    p = person_name(clean_person(author))
    return p.surname if p else None


def author_speaker(conn: sqlite3.Connection, author: str | None, words: str = "") -> str | None:
    """The current speaker id of a review's claim author, or None."""
    if not author:
        return None
    if conn.execute("SELECT 1 FROM speakers WHERE id = ?", (slug(author),)).fetchone():
        return resolve(conn, slug(author))
    context = frozenset(tokens(words))
    for kind in ("person", "organization"):
        name = clean_person(author) if kind == "person" else author
        sp = ArticleSpeaker(written=author, name=name, kind=kind, anonymous=False, roles=(), aliases=(), junk=None)
        d = decide(conn, sp, None, context, lone_joins=True)  # the claim's words pick the quotes
        if d.speaker_id is not None:
            return resolve(conn, d.speaker_id)
    return None
