"""Saved web pages: the article text (no navigation, ads, captions, related links) and its
metadata (title, author, date, canonical URL, site name), by trafilatura.

A page that is no article (an index of headlines, an error page, too little text) is a ReadError
saying so: archiving it would only feed the extractors boilerplate.
Publication date, first found of: the date the page declares (article:published_time and
kindred meta tags, JSON-LD datePublished); the date its URL carries (`/2010/08/13/`); htmldate on
the markup WITHOUT its extensive search of the free text (which picks up "updated" stamps and
related links' dates). No date is better than a wrong one, which would mis-resolve every relative
date in the text: a declared date that is impossible (2021-02-30) or implausible gives None.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from datetime import datetime, timezone
from urllib.parse import urljoin

from newsfacts.schema.article import Article

from . import dates
from .base import Item, ReadError, stamp
from .htmltext import decode_page

NAME = "html"
logging.getLogger("trafilatura").setLevel(logging.CRITICAL)  # routine non-pages are ReadErrors here
logging.getLogger("htmldate").setLevel(logging.CRITICAL)
MIN_CHARS = 300
"""Fewer characters of body text than this is no article (a teaser, a stub, a consent wall)."""
_ERROR_TITLE = re.compile(
    r"\b(?:40[0134]|410|50[0234])\b\s*[-:|]?\s*(?:error|not found|forbidden|gone|unavailable|"
    r"internal server error|bad gateway)|\b(?:error|erreur|fehler)\s*[-:]?\s*(?:40[0134]|410|50[0234])\b"
    r"|\bpage (?:was |is )?not found\b|^\s*(?:not found|access denied|forbidden|error)\b"
    r"|\bno longer available\b", re.I)
_SENTENCE_END = re.compile(r"[.!?…:;\"”’)]\s*$")


def read(data: bytes, source: str, *, url: str | None = None, read_at: datetime | None = None,
         reader: str = NAME) -> Iterator[Item]:
    """The one article of a page (raises ReadError when it holds none). `url` is where the page
    was fetched from, used when the page names no canonical URL; `reader` names the container
    reader (warc) when the page came out of one."""
    yield stamp(page_to_article(data, source, url=url), source=source, reader=reader, raw=data,
                read_at=read_at)


def page_to_article(data: bytes, source: str, *, url: str | None = None) -> Article:
    """The article in an HTML page, or ReadError saying why the page is not one."""
    import trafilatura

    page = decode_page(data, source)
    today = datetime.now(timezone.utc).date()
    try:
        doc = trafilatura.bare_extraction(
            page, url=url, with_metadata=True, include_comments=False, include_images=False,
            include_links=False, include_tables=True, favor_precision=True,
            date_extraction_params={"original_date": True, "extensive_search": False,
                                    "max_date": (today + dates.FUTURE_SLACK).isoformat()})
    except Exception as e:  # trafilatura/lxml fail in many ways on broken markup
        raise ReadError(source, f"unparseable HTML ({type(e).__name__})") from None
    meta = doc.as_dict() if doc is not None and hasattr(doc, "as_dict") else (doc or {})
    title = _clean_title(meta.get("title"), meta.get("sitename"))
    text = _drop_title_line(meta.get("text") or "", title)
    _check_is_article(text, title, source)
    canonical = _absolute(meta.get("url"), url) or url
    published = _published(page, canonical, url, meta.get("date"))
    return Article(
        text=text,
        title=title,
        url=canonical,
        outlet=_clean(meta.get("sitename")) or _clean(meta.get("hostname")),
        author=_clean(meta.get("author")),
        published=published,
    )


_DECLARED = re.compile(
    r"""<meta\s[^>]*?(?:property|name|itemprop)\s*=\s*["'](?:article:published_time|"""
    r"""og:published_time|datePublished|pubdate|publishdate|parsely-pub-date|dc\.date\.issued|"""
    r"""sailthru\.date)["'][^>]*>"""
    r'|"datePublished"\s*:\s*"([^"]*)"', re.I)
_CONTENT = re.compile(r"""content\s*=\s*["']([^"']*)["']""", re.I)


def _published(page: str, canonical: str | None, url: str | None, found: str | None):
    """The publication date: the one the page declares (meta, JSON-LD), else the URL's, else
    htmldate's. A declared date that is impossible (2021-02-30) means None, not a repair."""
    declared = []
    for m in _DECLARED.finditer(page[:500_000]):
        value = m[1] if m[1] is not None else (_CONTENT.search(m[0]) or [None, None])[1]
        if value:
            declared.append(value)
    for value in declared:
        d = dates.parse(value)
        if d:
            return d
    if declared:
        return None
    return dates.from_url(canonical) or dates.from_url(url) or dates.parse(found)


def _check_is_article(text: str, title: str | None, source: str) -> None:
    """ReadError unless `text` reads like an article's body."""
    n = len(text)
    if title and _ERROR_TITLE.search(title) and n < 1500:
        raise ReadError(source, f"not an article: looks like an error page (title {title!r})")
    if n < MIN_CHARS:
        raise ReadError(source, f"not an article: only {n} characters of text "
                                f"(at least {MIN_CHARS} expected)")
    lines = [ln for ln in text.split("\n") if ln.strip()]
    prose = [ln for ln in lines if len(ln) >= 80 and _SENTENCE_END.search(ln)]
    if len(lines) >= 8 and sum(map(len, prose)) < 0.3 * n:
        raise ReadError(source, f"not an article: looks like an index or list of links "
                                f"({len(lines)} short lines, little running text)")


def _absolute(link: str | None, base: str | None) -> str | None:
    """An http(s) URL for `link`, resolved against `base` when relative; None otherwise."""
    if not link:
        return None
    if not link.startswith(("http://", "https://")) and base:
        link = urljoin(base, link)
    return link if link.startswith(("http://", "https://")) else None


def _clean(value) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None


def _clean_title(title, sitename) -> str | None:
    """The headline without the site name pages append (`... - CNN.com`, `... | Reuters`)."""
    title, site = _clean(title), _clean(sitename)
    if not (title and site):
        return title
    site_stem = site.lower().split(".")[0]
    for sep in (" - ", " | ", " — ", " – ", " :: "):
        head, _, tail = title.rpartition(sep)
        if head and tail.strip().lower().split(".")[0] == site_stem:
            return head.strip()
    return title


_DATELINE = re.compile(r"^([A-Z][A-Za-z.,' ]{1,40}(?:\([A-Z]+\))?\s*(?:—|–|--))[ \t]*\n", re.M)


def _drop_title_line(text: str, title: str | None) -> str:
    """Body text without the headline trafilatura sometimes repeats as its first line, and with a
    dateline split onto its own line (`WASHINGTON —`) joined back to its sentence."""
    text = _DATELINE.sub(r"\1 ", text.strip())
    if title:
        first, _, rest = text.partition("\n")
        if first.strip() == title:
            return rest.strip()
    return text
