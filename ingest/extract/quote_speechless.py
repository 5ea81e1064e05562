"""Words in quotation marks that hold no one's speech, though a cue rule found a source for them:
an ordered table of named rules (`SPEECHLESS_RULES`). GUIDELINES.md: "Marks that hold no
speech are not quotes: titles of works, nicknames, scare quotes, a word named as a word, a
slogan on a poster." Each rule looks at the quote and at the cue and source the cue rules
found; the first that fires names why the marks are dropped.
"""

from __future__ import annotations

import re

from .quote_layout import Layout
from .quote_marks import QuoteSpan
from .wordlists import words as wordlist

NAMING_VERBS = wordlist("naming_verbs")
SIGN_NOUNS = wordlist("sign_nouns")
SO_CALLED = re.compile(r"(?:^|\W)so[- ]called\s*$", re.IGNORECASE)
NICKNAME_MAX_WORDS = 4
SMALL_WORDS = frozenset("a an the of in on and or to for with at by".split())


def _capitalised_name(quoted: str) -> bool:
    """`the Hammer`, `Low Energy Jeb`: a few words, each capitalised but the small ones."""
    words = [w for w in quoted.strip(" .,!?").split() if any(c.isalpha() for c in w)]
    return 0 < len(words) <= NICKNAME_MAX_WORDS and any(w[:1].isupper() for w in words) \
        and all(w[:1].isupper() or w.lower() in SMALL_WORDS for w in words)


def _so_called(lay: Layout, q: QuoteSpan, cue, src) -> bool:
    """`the so-called “reform”`: the writer keeps the word at a distance; no one is quoted."""
    return SO_CALLED.search(lay.text[max(0, q.open - 12):q.open]) is not None


def _sign(lay: Layout, q: QuoteSpan, cue, src) -> bool:
    """`Posters reading “Save Our Port” lined the road`: words read off a thing are a slogan."""
    return src is not None and src.lemma_.lower() in SIGN_NOUNS


def _nickname(lay: Layout, q: QuoteSpan, cue, src) -> bool:
    """`Fans call him “the Hammer.”`, `critics dubbed the bill “Ghost Tax”`: a capitalised name
    given with a naming verb is a nickname. `called the plan “a costly mistake”` (lower case)
    stays a partial quote of the speaker's words."""
    if cue is None or cue.lemma_.lower() not in NAMING_VERBS:
        return False
    headline = cue.text[:1].isupper() and cue.i > cue.sent.start  # `Smith Calls Plan ‘A Disgrace’`: every word capitalised
    return not headline and _capitalised_name(lay.text[q.start:q.end])


# tried in order; the first that fires drops the quote
SPEECHLESS_RULES = [
    ("so_called", _so_called),
    ("sign", _sign),
    ("nickname", _nickname),
]


def speechless(lay: Layout, q: QuoteSpan, cue, src) -> str | None:
    """The name of the first rule saying the marks hold no speech, or None."""
    return next((name for name, rule in SPEECHLESS_RULES if rule(lay, q, cue, src)), None)
