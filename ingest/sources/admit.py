"""What a reader's article must be before it may go in: rules every reader's output passes.

"Texts and feed items below a minimum length, JSON scalars, pages that are logins or error pages,
and non-http article URLs (`javascript:`) are refused with their reason", and a folder's sidecar
files ("`key: value` lines") are never ingested as articles. The rules are here, once, so a new
reader gets them for free; each names its reason in one line.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

from newsfacts.schema.article import Article

from .base import MIN_TEXT_CHARS, Item, ReadError

LOGIN_MAX_CHARS = 1500
"""A login or paywall page is short; a long article may quote "sign in" and stay an article."""
_KEY_VALUE = re.compile(r"^[\w.-]{1,40}[ \t]*[:=][ \t]*\S.*$")


@lru_cache(maxsize=None)
def word_list(name: str) -> tuple[str, ...]:
    """A data file of this package: one entry a line, `#` comments and blank lines left out."""
    text = files("newsfacts.ingest.sources").joinpath("data", name).read_text(encoding="utf-8")
    return tuple(ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#"))


@lru_cache(maxsize=1)
def _login_pattern() -> re.Pattern:
    return re.compile(r"\b(?:" + "|".join(re.escape(p) for p in word_list("login_phrases.txt")) + r")\b")


def too_short(a: Article) -> str | None:
    n = len(a.text.strip())
    if n < MIN_TEXT_CHARS:
        return f"too short to be an article ({n} characters of text; at least {MIN_TEXT_CHARS} expected)"
    return None


def json_scalar(a: Article) -> str | None:
    text = a.text.strip()
    if len(text) > 10_000 or text[:1] in ("{", "["):
        return None
    try:
        value = json.loads(text)
    except ValueError:
        return None
    return f"a JSON {type(value).__name__}, not an article"


def non_http_url(a: Article) -> str | None:
    if a.url and not a.url.strip().lower().startswith(("http://", "https://")):
        return f"article URL is not http(s) ({a.url.strip()[:60]!r})"
    return None


def login_page(a: Article) -> str | None:
    found = _login_pattern().search((a.title or "").lower())
    if not found and len(a.text) < LOGIN_MAX_CHARS:
        found = _login_pattern().search(a.text.lower())
    if found:
        return f"not an article: looks like a login or paywall page ({found[0]!r})"
    return None


def sidecar(a: Article) -> str | None:
    lines = [ln.strip() for ln in a.text.splitlines() if ln.strip()]
    if len(lines) >= 2 and all(_KEY_VALUE.match(ln) and len(ln) < 200 for ln in lines):
        return f"not an article: a metadata file (only {len(lines)} `key: value` lines)"
    return None


@dataclass(frozen=True)
class Rule:
    name: str
    check: Callable[[Article], str | None]


RULES = (
    Rule(name="json scalar", check=json_scalar),
    Rule(name="too short", check=too_short),
    Rule(name="non-http URL", check=non_http_url),
    Rule(name="login page", check=login_page),
    Rule(name="sidecar", check=sidecar),
)


def admit(item: Item) -> Item:
    """The item, or the ReadError of the first rule it breaks (ReadErrors pass unchanged)."""
    if isinstance(item, ReadError):
        return item
    for rule in RULES:
        reason = rule.check(item)
        if reason:
            return ReadError(item.source or "<input>", reason)
    return item


def is_sidecar_name(name: str) -> bool:
    """A file name a folder's sidecar or metadata file has (`story.txt.meta`, `README.md`)."""
    return name.lower().endswith(word_list("sidecar_suffixes.txt"))
