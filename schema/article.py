"""The article: what every reader produces and every extractor consumes."""

from __future__ import annotations

import hashlib
import os
from datetime import date, datetime

from pydantic import BaseModel, ConfigDict, Field


class Article(BaseModel):
    """One article as read from its source, before any NLP.

    `text` is the body the claims' character offsets point into; header lines (the `date ...`
    line, a `title:` block) are not part of it.
    """

    model_config = ConfigDict(extra="forbid")

    text: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    author: str | None = None
    published: date | None = None
    source: str | None = Field(None, description="Path or URL the article was read from.")
    reader: str | None = Field(None, description="Name of the reader that produced it.")
    summary_only: bool = Field(False, description="True when only a feed summary was available.")
    read_at: datetime | None = None
    raw_sha256: str | None = Field(None, description="SHA-256 of the exact bytes it was read from.")
    raw: bytes | None = Field(None, exclude=True, repr=False,
                              description="The exact bytes it was read from (not dumped), so the "
                                          "archive can keep the original; None when unavailable.")

    @property
    def content_hash(self) -> str:
        """What decides 'same content': the text and the metadata a person would see."""
        h = hashlib.sha256()
        for part in (self.text, self.title or "", self.url or "", self.outlet or "",
                     self.published.isoformat() if self.published else ""):
            h.update(part.encode("utf-8"))
            h.update(b"\x00")
        return h.hexdigest()

    @property
    def identity(self) -> str:
        """What decides 'same article': the URL, else outlet+date+title, else the file it came
        from, else the content itself (a text from standard input is only ever equal to itself)."""
        if self.url:
            return "url:" + self.url.strip()
        if self.title and self.outlet and self.published:
            return f"otd:{self.outlet.strip().lower()}|{self.published.isoformat()}|{self.title.strip().lower()}"
        if self.source and not self.source.startswith("<"):  # `<stdin>` names no place
            src = self.source
            if "://" not in src:
                path, sep, item = src.partition("#")
                src = os.path.abspath(path) + sep + item
            return "source:" + src
        return "content:" + self.content_hash

    @property
    def article_id(self) -> str:
        """A short stable id from the identity: it is the article's row URL in Datasette."""
        return hashlib.sha256(self.identity.encode("utf-8")).hexdigest()[:16]
