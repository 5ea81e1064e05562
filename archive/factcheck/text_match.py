"""Telling that two quotes report the same words: normalised tokens, winnowed fingerprints as the
candidate index, and a containment score on the few candidates.

"Quotes that report the same words of the same source in several articles (direct in one outlet,
partial in another, small differences of punctuation, spelling or truncation) share a claim
group." A partial or truncated quote is contained in the full one, so their Jaccard similarity is
low and MinHash/LSH (which estimates Jaccard) would miss them. Winnowing (Schleimer, Wilkerson and
Aiken 2003) keeps, from every window of W consecutive word K-grams, the smallest hash: any run of
W + K - 1 words two quotes share yields a shared fingerprint, and a fragment's fingerprints are a
subset of its source's. Fingerprints go in an indexed table (one row per print of a distinct
wording, wordings.py), so a new quote's candidates are a few index look-ups, never a scan of all
quotes."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from difflib import SequenceMatcher
from functools import lru_cache
from importlib.resources import files

K = 3
"""Words per shingle."""
W = 2
"""Shingles per winnowing window: a shared run of K + W - 1 = 6 words always gives a shared print."""
MIN_WORDS = 4
"""Quotes shorter than this are too common to group ("proud", "the high abstention rates" is 4)."""


@lru_cache(maxsize=1)
def spelling() -> dict[str, str]:
    text = files("newsfacts.archive.factcheck").joinpath("data/spelling.txt").read_text(encoding="utf-8")
    pairs = (line.split() for line in text.splitlines() if line.strip() and not line.startswith("#"))
    return {a: b for a, b in pairs}


class _Marks(dict):
    """str.translate's table for dropping combining marks: each character's entry is worked out
    the first time it is met (None drops it), so the text is folded in C, not a character at a time."""

    def __missing__(self, code: int):
        self[code] = None if unicodedata.combining(chr(code)) else code
        return self[code]


_MARKS = _Marks()
_APOSTROPHES = re.compile(r"['’‘`]")
_WORDS = re.compile(r"[a-z0-9]+")


def tokens(text: str) -> list[str]:
    """Lower-case words without accents, punctuation or spelling variants; ellipses drop out."""
    return list(_tokens(text))


@lru_cache(maxsize=1 << 15)
def _tokens(text: str) -> tuple[str, ...]:
    """tokens(), kept per text: a replay meets each quote's text in every copy of its article,
    and again as a group's words."""
    text = unicodedata.normalize("NFKD", text)
    text = (text if text.isascii() else text.translate(_MARKS)).casefold()
    text = _APOSTROPHES.sub("", text)  # don't, dont
    variants = spelling()
    return tuple(variants.get(w, w) for w in _WORDS.findall(text))


def _hash(speaker_id: str, gram: tuple[str, ...]) -> int:
    digest = hashlib.blake2b(f"{speaker_id}\x00{' '.join(gram)}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def speaker_prints(speaker_id: str, words: list[str]) -> set[int]:
    """The winnowed fingerprints of one speaker's words (every shingle's hash when there are W
    shingles or fewer). The speaker is in the hash, so a print's postings are that speaker's
    wordings only. Two wordings sharing a run of K + W - 1 words winnow that run alike, so they
    share a print whichever of them came first: the search is symmetric, as order-free grouping
    needs."""
    hashes = [_hash(speaker_id, tuple(words[i:i + K])) for i in range(len(words) - K + 1)]
    if len(hashes) <= W:
        return set(hashes)
    return {min(hashes[i:i + W]) for i in range(len(hashes) - W + 1)}


def containment(a: list[str], b: list[str]) -> float:
    """Share of the shorter token list found, in order, in the longer one."""
    if not a or not b:
        return 0.0
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    matcher = SequenceMatcher(None, short, long_, autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks()) / len(short)
