"""Figures (placeholder until the figure extractor lands)."""

from __future__ import annotations

from newsfacts.schema.article import Article
from newsfacts.schema.claims import Figure

VERSION = "0"


def find_figures(doc, article: Article) -> list[Figure]:
    return []
