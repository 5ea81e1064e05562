"""Full-text search that takes what people type.

FTS5's query language fails on ordinary text: `Trump's`, `O'Malley`, `U.S.` and `"wall` are
syntax errors, and `pro-independence` reads as "no such column: independence". Datasette's own
escaping quotes every word, which fixes those but turns `referend*` into a search for the word
"referend". `fts_query` keeps the three things people mean by punctuation in a search box (a
phrase in quotation marks, a trailing `*` for a prefix, `OR`/`NOT` in capitals between words) and
makes everything else a quoted phrase of its words, which FTS5 tokenizes as the index did: `U.S.`
finds "U.S.", `pro-independence` finds "pro-independence". It replaces Datasette's `escape_fts` SQL
function, so `?_search=` on every table and the `search` query use it; `_searchmode=raw` still
passes FTS5 syntax through for those who ask.
"""

from __future__ import annotations

import re

QUOTE_MARKS = str.maketrans({"\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"', "\u00bb": '"'})
"""Typographic double quotation marks open and close phrases like the plain one."""

OPERATORS = {"OR", "NOT"}
"""Written in capitals between two terms, these are FTS5 operators (elsewhere, words); AND is what a
space means."""

_PART = re.compile(r'"([^"]*)"?|(\S+)')
MATCH_NOTHING = '""'


def _has_token(text: str) -> bool:
    return any(ch.isalnum() for ch in text)


def _phrase(words: str, prefix: bool = False) -> str:
    return '"' + words.replace('"', " ") + '"' + ("*" if prefix else "")


def _terms(query: str) -> list[tuple[str, str]]:
    """(kind, text) items: ('term', an FTS5 phrase) or ('op', OR/NOT), in the order typed."""
    items: list[tuple[str, str]] = []
    for m in _PART.finditer(query.translate(QUOTE_MARKS)):
        quoted, bare = m.group(1), m.group(2)
        if quoted is not None:
            if _has_token(quoted):
                items.append(("term", _phrase(quoted)))
        elif bare in OPERATORS:
            items.append(("op", bare))
        elif bare == "AND":
            continue
        elif _has_token(bare):
            stem = bare.rstrip("*")
            items.append(("term", _phrase(stem, prefix=stem != bare and _has_token(stem))))
    return items


def fts_query(query: str | None) -> str:
    """An FTS5 query for what was typed; never a syntax error. Nothing searchable matches nothing."""
    items = _terms(query or "")
    out: list[str] = []
    for i, (kind, text) in enumerate(items):
        if kind == "op":
            between = out and out[-1] not in OPERATORS and i + 1 < len(items) and items[i + 1][0] == "term"
            out.append(text if between else _phrase(text))  # a lone OR is a word someone typed
            continue
        out.append(text)
    return " ".join(out) or MATCH_NOTHING
