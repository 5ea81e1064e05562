"""Dates (placeholder until the date extractor lands)."""

from __future__ import annotations

from newsfacts.schema.article import Article
from newsfacts.schema.claims import DateClaim

VERSION = "0"


def find_dates(doc, article: Article) -> list[DateClaim]:
    return []
