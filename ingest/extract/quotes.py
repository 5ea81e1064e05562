"""Quotes and their speakers (placeholder until the quote extractor lands)."""

from __future__ import annotations

from newsfacts.schema.article import Article
from newsfacts.schema.claims import Quote, Speaker

VERSION = "0"


def find_quotes(doc, article: Article) -> tuple[list[Quote], list[Speaker]]:
    return [], []
