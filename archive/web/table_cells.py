"""Table-page cells drawn small: a foreign key whose label is a whole text, and a claim's sentence.

Datasette labels a foreign key on a table page with its row's label column, whole. A claim's or an
article's `text_id` points into `texts`, whose label is the article's text: a page of 100 quotes
drew 100 texts, 764 KB of its 1.09 MB of HTML, and escaping, templating and sending them was most
of the page's time. The cell keeps its link and its label, cut to LABEL_CHARS characters (a
headline, a speaker's name stays whole; a text, or a claim group's longest wordings, is cut).

The same label is what a claim's sentence is a span of (sentence_start, sentence_end; the sentence
is stored only when it is not a span, archive/sentences.py), so the `sentence_text` cell shows the
sentence itself, sliced from the text Datasette has already read, without a query of its own.

Both are decided from the cell alone, without awaiting anything: a page draws 2,400 cells.
"""

from __future__ import annotations

from datasette.utils import tilde_encode
from markupsafe import Markup, escape

LABEL_CHARS = 200
"""Longest label a table page shows in a foreign-key cell: longer than any headline the projections
write (14 words) or speaker name, far shorter than a text (7,600 characters on average)."""

SENTENCE_TABLES = frozenset({"quotes", "figures", "dates"})
"""Tables whose rows hold a sentence as a span of their `text_id`'s text."""


def _labelled(value) -> bool:
    return isinstance(value, dict) and "label" in value and "value" in value


def _cut(text: str) -> str:
    return text if len(text) <= LABEL_CHARS else text[: LABEL_CHARS - 1].rstrip() + "…"


def long(value) -> bool:
    """Whether a cell is a foreign key Datasette labelled with more than LABEL_CHARS characters."""
    return _labelled(value) and len(str(value["label"] or "")) > LABEL_CHARS


def long_label(datasette, database: str, value, other_table: str | None) -> Markup | None:
    """A foreign-key cell whose label is longer than LABEL_CHARS: Datasette's link, label cut."""
    if other_table is None or not long(value):
        return None
    key = str(value["value"])
    href = datasette.urls.row(database, other_table, tilde_encode(key))
    # escape() and concatenation, not Markup.format (string.Formatter in Python: 16 ms a page)
    return Markup(f'<a href="{escape(href)}">{escape(_cut(str(value["label"])))}</a>&nbsp;<em>{escape(key)}</em>')


def sentence(row, value, column: str, table: str | None) -> str | None:
    """The sentence of a claim whose `sentence_text` is not stored: its span of the labelled text."""
    if column != "sentence_text" or value is not None or table not in SENTENCE_TABLES:
        return None
    try:
        text, start, end = row["text_id"], row["sentence_start"], row["sentence_end"]
    except (KeyError, IndexError):
        return None
    if not _labelled(text) or not isinstance(text["label"], str) or not isinstance(start, int) \
            or not isinstance(end, int):
        return None
    return text["label"][start:end] or None
