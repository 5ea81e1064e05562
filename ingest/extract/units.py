"""Currencies, percent words and units of measure that follow or precede a number."""

from __future__ import annotations

from . import wordlists as wl

CURRENCY_SYMBOLS = wl.table("numbers/currency_symbols")
PREFIX_CURRENCIES = wl.table("numbers/prefix_currencies")
"""Currency letters glued to the digits (`RM79`, `$US113`), by lower-cased letters."""
CURRENCY_CODES = wl.words("numbers/currency_codes")
CURRENCY_WORDS = wl.table("numbers/currency_words")
DOLLAR_COUNTRIES = wl.table("numbers/dollar_countries")
SUBUNITS = wl.table("numbers/currency_subunits")

PERCENT_WORDS = wl.words("numbers/percent_words")
POINT_WORDS = {"point", "points"}

MEASURES = wl.table("numbers/measures")
"""Abbreviations and unit nouns, by lower-cased surface form."""

GLUED_MEASURES = set(MEASURES) - wl.words("numbers/unglued_measures")
"""Suffixes read as a unit when glued to digits (`256GB`, `640bhp`, `5km`); `m` is left to scales."""

TIME_UNITS = wl.words("numbers/time_units")
MEASURE_NOUNS = TIME_UNITS | wl.words("numbers/measure_nouns")
"""Measures after which a number written in words is a figure, not a small count (GUIDELINES)."""


def currency_symbol(text: str) -> str | None:
    """`US$` -> USD; `€` -> EUR; None for anything else."""
    t = text.lower()
    if t in CURRENCY_SYMBOLS:
        return CURRENCY_SYMBOLS[t]
    if t.upper() == t.lower() or len(t) > 4:
        return None
    return None


def currency_code(text: str) -> str | None:
    """`EUR` -> EUR when written in capitals (so `try` the verb is not the lira)."""
    if text.isupper() and text.lower() in CURRENCY_CODES:
        return text.upper()
    return None


def currency_word(word: str, before: str = "") -> str | None:
    """`euros` -> EUR; `Australian dollars` -> AUD (`before` is the word preceding)."""
    w = word.lower()
    code = CURRENCY_WORDS.get(w)
    if code and w.startswith("dollar"):
        code = DOLLAR_COUNTRIES.get(before.lower(), code)
    return code


AMBIGUOUS_MEASURES = wl.words("numbers/ambiguous_measures")
"""Unit spellings that are also common words or letters: only units when glued to digits."""


def measure_word(text: str) -> str | None:
    """A unit written as its own word after a number (`140 mph`), leaving out `in`, `m` etc."""
    if text.lower() in AMBIGUOUS_MEASURES:
        return None
    return MEASURES.get(text.lower())


def measure(text: str) -> str | None:
    """Normalised unit for an abbreviation or unit noun (`km/h`, `mph`, `GB`)."""
    return MEASURES.get(text.lower())
