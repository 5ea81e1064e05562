"""Reading numbers as written in news text: digits, number words, scales and fractions.

Pure functions on strings; `figures.py` decides which tokens to feed them.
"""

from __future__ import annotations

import re

from . import wordlists as wl

_NUMBER_WORDS = {w: int(v) for w, v in wl.numbers("numbers/number_words").items()}
UNITS_WORDS = {w: v for w, v in _NUMBER_WORDS.items() if v < 20}
TENS_WORDS = {w: v for w, v in _NUMBER_WORDS.items() if v >= 20}
HUNDRED = {"hundred": 100}
SCALE_WORDS = wl.numbers("numbers/scale_words")
"""Words that multiply the number before them (`1.2 billion`, `3bn`)."""

SHORT_SCALES = wl.numbers("numbers/short_scales")
"""One-letter scales, only read when glued to a number (`25k`) or after a currency (`$5 m`)."""

VAGUE_MAGNITUDES = wl.numbers("numbers/vague_magnitudes")
"""Plural magnitudes (`thousands of`), valued at their base as GUIDELINES.md says."""

FRACTION_DENOMINATORS = {w: int(v) for w, v in wl.numbers("numbers/fraction_denominators").items()}

RATIO_WORDS = wl.numbers("numbers/ratio_words")

_DIGITS = re.compile(
    r"""^(?P<num>
          \d{1,3}(?:,\d{3})+(?:\.\d+)?     # 2,000  1,234.5
        | \d+(?:\.\d+)?                    # 2000  1.786
        | \.\d+                            # .5
        )(?P<suffix>[A-Za-z%°/²³″′]*[A-Za-z%°²³″′2]?)$""",
    re.VERBOSE,
)


def word_value(word: str) -> int | None:
    """Value of a single number word (`seven`, `forty`, `hundred`), else None."""
    w = word.lower()
    if w in UNITS_WORDS:
        return UNITS_WORDS[w]
    if w in TENS_WORDS:
        return TENS_WORDS[w]
    if w in HUNDRED:
        return 100
    return None


def is_number_word(word: str) -> bool:
    w = word.lower()
    return w in UNITS_WORDS or w in TENS_WORDS or w in HUNDRED or w in SCALE_WORDS or w == "dozen"


def words_value(words: list[str]) -> float | None:
    """Value of a run of number words (`twenty five`, `one hundred and six`, `a million`,
    `two thousand`); None when the run is not a well-formed number."""
    total, current, seen, last = 0.0, 0.0, False, ""
    for i, raw in enumerate(words):
        w = raw.lower()
        if w in ("and", "-"):
            continue
        if w in ("a", "an"):
            if i == 0:
                current, seen = 1, True
                continue
            return None
        if w in UNITS_WORDS or w in TENS_WORDS:
            if last == "unit" or (last == "tens" and w in TENS_WORDS) or (last == "tens" and word_value(w) >= 10):
                return None  # `one five thousand`: digits read out, not a number
            last = "unit" if w in UNITS_WORDS else "tens"
            current += word_value(w)
            seen = True
        elif w == "hundred":
            last = "hundred"
            current = (current or 1) * 100
            seen = True
        elif w == "dozen":
            current = (current or 1) * 12
            seen = True
        elif w in SCALE_WORDS:
            last = "scale"
            total += (current or 1) * SCALE_WORDS[w]
            current, seen = 0, True
        else:
            return None
    return total + current if seen else None


def parse_digits(text: str) -> tuple[float, str] | None:
    """`2,000` -> (2000, ''), `3bn` -> (3, 'bn'), `25k` -> (25, 'k'), `10%` -> (10, '%')."""
    m = _DIGITS.match(text)
    if not m:
        return None
    num = m.group("num").replace(",", "")
    try:
        return float(num), m.group("suffix")
    except ValueError:
        return None


def scale_of(word: str, glued: bool = False) -> float | None:
    """The multiplier a scale word or suffix stands for (`billion`, `bn`; `k`/`m` only glued)."""
    w = word.lower().rstrip(".")
    if w in SCALE_WORDS:
        return SCALE_WORDS[w]
    if glued and w in SHORT_SCALES:
        return SHORT_SCALES[w]
    return None


def fraction_value(numerator: float, word: str) -> float | None:
    """`two` `thirds` -> 66.67 (fractions of a whole are given in percent)."""
    den = FRACTION_DENOMINATORS.get(word.lower())
    if not den:
        return None
    return round(100.0 * numerator / den, 2)


def tidy(value: float) -> float:
    """Round away floating-point noise (`1.2 * 1e9`)."""
    return float(round(value, 6)) if abs(value) < 1e6 else float(round(value))
