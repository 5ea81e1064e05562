"""Reading numbers written in words: `twenty-five`, `a million`, `two and a half`, fractions of a
whole (`two-thirds`, `half`), vague magnitudes (`thousands of`) and ratio words (`twice`)."""

from __future__ import annotations

from . import numbers as nb
from . import wordlists as wl
from .number_core import Core, low_at

HALF_NOT_AFTER = wl.words("numbers/half_not_after")
HALF_BEFORE = wl.words("numbers/half_before")


def _word_run(doc, i: int) -> int:
    """End of a run of number words starting at i (`twenty-five`, `one hundred and six`)."""
    j = i
    while j < len(doc):
        w = doc[j].lower_
        if nb.is_number_word(w):
            j += 1
        elif w == "-" and j > i and doc[j - 1].whitespace_ == "" and j + 1 < len(doc) and nb.is_number_word(doc[j + 1].lower_):
            j += 1
        elif w == "and" and j > i and doc[j - 1].lower_ in ("hundred", "thousand", "million") and j + 1 < len(doc) and nb.word_value(doc[j + 1].lower_) is not None:
            j += 1
        else:
            break
    return j


def _read_words(doc, i: int) -> Core | None:
    """Number words, `a million`, `half a million`, `two and a half`, fractions `two-thirds`."""
    w = doc[i].lower_
    start = i
    if w in ("a", "an", "one") and i + 1 < len(doc) and doc[i + 1].lower_ in nb.FRACTION_DENOMINATORS:
        if low_at(doc, i - 1) == "and" and doc[i + 1].lower_ == "half":
            return None  # a minute and a half
        return _read_fraction(doc, i, 1, i + 1)
    if w in ("a", "an"):
        if i + 1 < len(doc) and (doc[i + 1].lower_ in nb.SCALE_WORDS or doc[i + 1].lower_ in ("hundred", "dozen")):
            end = _word_run(doc, i + 1)
            value = nb.words_value(["a"] + [t.text for t in doc[i + 1:end]])
            if value is None:
                return None
            return Core(start, end, value, "words", raw=value, scaled=value >= 1000)
        return None
    if w == "half":
        return _read_half(doc, i)
    if not nb.is_number_word(w) or w in nb.SCALE_WORDS:
        return None
    tok = doc[i]
    if tok.text[:1].isupper() and not tok.is_sent_start and i and doc[i - 1].is_alpha:
        return None  # Kick Six, Formula One: part of a name
    end = _word_run(doc, i)
    words = [t.text for t in doc[i:end]]
    value = nb.words_value(words)
    if value is None:
        return None
    # two and a half (million), four-and-a-half
    half_end = _and_a_half(doc, end)
    if half_end is not None:
        value += 0.5
        end = half_end
        if end < len(doc) and doc[end].lower_ in nb.SCALE_WORDS:
            value *= nb.SCALE_WORDS[doc[end].lower_]
            end += 1
    # fractions: two-thirds, three quarters
    k = end
    if k < len(doc) and doc[k].text == "-" and doc[k - 1].whitespace_ == "":
        k += 1
    if k < len(doc) and doc[k].lower_ in nb.FRACTION_DENOMINATORS and value <= 20:
        if not (doc[k].lower_ in ("third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth")
                and value != 1):
            return _read_fraction(doc, i, value, k)
    scaled = any(t.lower_ in nb.SCALE_WORDS for t in doc[i:end])
    core = Core(start, end, value, "words", raw=value, scaled=scaled)
    core.small_words = value <= 12 and not scaled
    return core


def _and_a_half(doc, j: int) -> int | None:
    """End of `and a half` right after a number, spaced or hyphenated (`four-and-a-half`)."""
    words = []
    while j < len(doc) and len(words) < 3:
        if doc[j].text == "-" and doc[j - 1].whitespace_ == "" and doc[j].whitespace_ == "":
            j += 1
            continue
        words.append(doc[j].lower_)
        j += 1
    return j if words == ["and", "a", "half"] or words == ["and", "one", "half"] else None


def _of_a_scale(doc, k: int) -> tuple[float, int] | None:
    """`of a million` after a fraction (`a quarter of a million`): the scale and the end it reaches."""
    if low_at(doc, k) == "of" and low_at(doc, k + 1) in ("a", "an"):
        scale = nb.scale_of(low_at(doc, k + 2))
        if scale:
            return scale, k + 3
    return None


def _point_at(doc, k: int) -> int | None:
    """End of `point` or `percentage point` starting at k (a rate moved by a fraction of one)."""
    if low_at(doc, k) == "point":
        return k + 1
    if low_at(doc, k) == "percentage" and low_at(doc, k + 1) == "point":
        return k + 2
    return None


def _read_fraction(doc, i: int, numerator: float, k: int) -> Core | None:
    """A fraction of a whole, in percent; `a quarter-point` is a quarter of a percentage point."""
    den_word = doc[k].lower_
    nxt = low_at(doc, k + 1)
    if nxt == "-" and doc[k].whitespace_ == "" and low_at(doc, k + 2) in ("point", "points"):
        den = nb.FRACTION_DENOMINATORS[den_word]
        c = Core(i, k + 3, round(numerator / den, 4), "fraction", percent="percentage points")
        return c
    if nxt in ("point", "points") and low_at(doc, k + 2) != "of":  # a quarter point (not `a half point of view`)
        den = nb.FRACTION_DENOMINATORS[den_word]
        return Core(i, k + 2, round(numerator / den, 4), "fraction", percent="percentage points")
    if doc[i].lower_ in ("a", "an", "one") and nxt not in ("of", "", ",", ".", ";", ":", ")", "'s"):
        if doc[k + 1].pos_ in ("NOUN", "PROPN", "ADJ", "NUM") or nxt == "-":
            return None  # a third term, a quarter century, a fourth-quarter
    if doc[k - 1].lower_ in ("a", "an", "one") and den_word in ("half",) and nxt in ("a", "an"):
        return None
    value = nb.fraction_value(numerator, den_word)
    if value is None:
        return None
    if nxt == "of" and low_at(doc, k + 2) in ("a", "an") and _point_at(doc, k + 3):
        # three quarters of a point: a change in percentage points, not a share
        return Core(i, _point_at(doc, k + 3), round(value / 100, 4), "fraction", percent="percentage points")
    scaled = _of_a_scale(doc, k + 1)
    if scaled:  # a third of a billion: an amount, not a share
        amount = numerator / nb.FRACTION_DENOMINATORS[den_word] * scaled[0]
        return Core(i, scaled[1], amount, "words", raw=amount, scaled=True)
    return Core(i, k + 1, value, "fraction", percent="percent")


def _read_half(doc, i: int) -> Core | None:
    """`half` of a whole (50 %), `half a million` (500000); not `first half`, `half-time`."""
    prev = low_at(doc, i - 1)
    nxt = low_at(doc, i + 1)
    if prev in HALF_NOT_AFTER:
        return None
    if nxt == "-" or (i + 1 < len(doc) and doc[i].whitespace_ == "" and nxt not in (",", ".")):
        return None
    if nxt in ("a", "an") and _point_at(doc, i + 2):
        return Core(i, _point_at(doc, i + 2), 0.5, "fraction", percent="percentage points")  # half a point
    if nxt in ("a", "an") and i + 2 < len(doc):
        scale = nb.scale_of(doc[i + 2].lower_)
        if scale:
            return Core(i, i + 3, 0.5 * scale, "words", scaled=True, raw=0.5)
        if doc[i + 2].lower_ == "dozen":
            return Core(i, i + 3, 6, "words", raw=6)
        return None  # half an hour: a measure, left alone
    if nxt in HALF_BEFORE or nxt in ("", ",", ".", ";", ":"):
        return Core(i, i + 1, 50.0, "fraction", percent="percent")
    return None


def _read_vague(doc, i: int) -> Core | None:
    """`thousands of`, `tens of thousands`, `dozens`: valued at their base (GUIDELINES)."""
    w = doc[i].lower_
    if w == "tens" and low_at(doc, i + 1) == "of" and low_at(doc, i + 2) in nb.VAGUE_MAGNITUDES:
        base = nb.VAGUE_MAGNITUDES[low_at(doc, i + 2)]
        return Core(i, i + 3, 10 * base, "vague", raw=10 * base, scaled=True, approx="tens of")
    if w == "hundreds" and low_at(doc, i + 1) == "of" and low_at(doc, i + 2) in ("thousands", "millions", "billions"):
        base = nb.VAGUE_MAGNITUDES[low_at(doc, i + 2)]
        return Core(i, i + 3, 100 * base, "vague", raw=100 * base, scaled=True, approx="hundreds of")
    if w in nb.VAGUE_MAGNITUDES and doc[i].pos_ in ("NOUN", "NUM"):
        if low_at(doc, i - 1) in ("the", "his", "her", "their", "its"):
            return None
        base = nb.VAGUE_MAGNITUDES[w]
        return Core(i, i + 1, base, "vague", raw=base, scaled=base >= 1000)
    return None


def _read_ratio(doc, i: int) -> Core | None:
    """`twice`, `double the`, `tripled`, `tenfold`."""
    tok = doc[i]
    w = tok.lower_
    if w.endswith("fold") and len(w) > 4:
        stem = w[:-4].rstrip("-")
        v = nb.words_value([stem]) if stem else None
        if v is None:
            p = nb.parse_digits(stem)
            v = p[0] if p and not p[1] else None
        if v is not None:
            return Core(i, i + 1, v, "ratio", unit="times", raw=v)
        return None
    if w not in nb.RATIO_WORDS:
        return None
    v = nb.RATIO_WORDS[w]
    if low_at(doc, i + 1) in ("down", "up", "back") and w not in ("twice", "thrice"):
        return None  # doubling down, doubled over
    if w in ("twice", "thrice"):
        return Core(i, i + 1, v, "ratio", unit="times", raw=v)
    nxt = low_at(doc, i + 1)
    if tok.pos_ == "VERB" or nxt in ("the", "that", "its", "their", "his", "her", "what", "this") \
            or low_at(doc, i - 1) in ("than", "nearly", "almost", "roughly", "about", "more"):
        if nxt == "-" or (tok.pos_ != "VERB" and nxt in ("digits", "digit")):
            return None
        return Core(i, i + 1, v, "ratio", unit="times", raw=v)
    return None
