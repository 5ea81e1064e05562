"""Reading number cores from spaCy tokens: digits with separators, scales and glued units,
number words, fractions of a whole, vague magnitudes and ratio words.

A core is only the number; `figure_filters` decides whether it is a figure at all and
`figure_context` adds its currency, hedge and unit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import numbers as nb
from . import units as un
from . import wordlists as wl

_TIME_GLUED = re.compile(r"^\d{1,2}(?:[:.]\d{2})?(?:am|pm|a\.m\.?|p\.m\.?)$", re.I)
_CODES = "|".join(sorted((c.upper() for c in un.CURRENCY_CODES), key=lambda c: (-len(c), c)))
_PREFIX = re.compile(rf"^(?:~|≈|\+|-|−|{_CODES}|US|RM|Rs\.?|Rp|(?:US|HK|NZ|AU|A|C|S|R)?\$|€|£|¥|₹)(?=\.?\d)")
"""Signs and letters glued before the digits: a hedge, a sign, a currency code (`USD25m`,
`EUR40m`), letters (`RM79`) or a dollar of a country (`HK$500`)."""
SCREEN_WORDS = wl.words("numbers/screen_words")
_ORDINAL_SUFFIX = wl.words("numbers/ordinal_suffixes")


@dataclass
class Core:
    """A number read from tokens [start, end), before its context is added."""

    start: int
    end: int
    value: float
    kind: str  # digits | words | fraction | vague | ratio
    percent: str | None = None  # 'percent' or 'percentage points'
    currency: str | None = None
    unit: str | None = None
    scaled: bool = False
    raw: float = 0.0
    approx: str | None = None
    text_start: int = 0  # token indices the figure's text spans
    text_end: int = 0
    about: str | None = None
    drop: bool = False
    small_words: bool = False  # a small count written in words (optional in the gold)
    notes: list = field(default_factory=list)
    glued_start: int | None = None  # character offset where the number starts inside its first token
    glued_end: int | None = None  # character offset where it ends inside its last token
    rule: str = ""  # the reader that found it (`digits`, `words`): what a wrong figure blames


# ---------------------------------------------------------------------------------- reading

def low_at(doc, i: int) -> str:
    return doc[i].lower_ if 0 <= i < len(doc) else ""


def _read_digits(doc, i: int) -> Core | None:  # noqa: C901 (to split)
    """`2,000`, `816 000`, `1.2 billion`, `3bn`, `25k`, `10%`, `256GB`, `£5m`."""
    tok = doc[i]
    m = _PREFIX.match(tok.text)
    prefix = m.group(0) if m else ""
    if prefix == "US" and not (i and doc[i - 1].text == "$" and doc[i - 1].whitespace_ == ""):
        return None
    body = tok.text[len(prefix):]
    if body.endswith(".") and body[-2:-1].isalpha():
        body = body[:-1]  # `25K.` at the end of a sentence
    if re.fullmatch(r"\d{1,3}(?:\.\d{3}){2,}", body) or (
            re.fullmatch(r"\d{1,3}\.\d{3}", body) and _counted_after(doc, i + 1)
            and doc[i + 1].lower_ not in ("points", "times", "goals", "runs")):
        body = body.replace(".", "")  # 1.786.000 or 1.786 people: dots between thousands
    parsed = nb.parse_digits(body)
    if not parsed:
        return None
    value, suffix = parsed
    if not suffix and tok.whitespace_ == "" and i + 1 < len(doc) and doc[i + 1].text in ("G", "K", "D") \
            and value < 10 and (doc[i + 1].text != "K" or low_at(doc, i + 2) in SCREEN_WORDS):
        return None  # 5G, 3D, a 4K screen: names of technologies
    low = suffix.lower()
    core = Core(i, i + 1, value, "digits", raw=value)
    if prefix in ("~", "≈"):
        core.approx = "~"
    elif prefix == "+":
        pass  # +5%: a change, written with its sign
    elif prefix in ("-", "−"):
        if i and (doc[i - 1].whitespace_ == "" and not doc[i - 1].is_punct) and not un.currency_symbol(doc[i - 1].text):
            return None  # glued to a word: a code, not a negative number (`$-12.5bn` is one)
        core.value = core.raw = -value
    elif prefix:
        core.currency = (un.PREFIX_CURRENCIES.get(prefix.rstrip(".").lower()) or un.currency_symbol(prefix)
                         or un.currency_code(prefix) or "USD")
    if low:
        if low in _ORDINAL_SUFFIX or low == "s" or low == "'s":
            return None  # 1st, 1990s
        if _TIME_GLUED.match(tok.text):
            return None
        if suffix in ("G", "K", "D") and value < 10 and value == int(value) and (
                suffix != "K" or low_at(doc, i + 1) in SCREEN_WORDS):
            return None  # 5G, 3D, a 4K screen: names of technologies
        if low == "%":
            core.percent = "percent"
        elif nb.scale_of(low, glued=True) and low != "m":
            core.value *= nb.scale_of(low, glued=True)
            core.scaled = True
        elif low == "m":
            if core.currency or _money_before(doc, i) or _million_after(doc, i + 1) or _capital_scale(doc, i, suffix):
                core.value *= 1e6
                core.scaled = True
            else:
                core.unit = "m"
        elif low in ("pc",):
            core.percent = "percent"
        elif low in ("p",):
            core.unit = "pence"
        elif low in un.GLUED_MEASURES:
            core.unit = un.measure(low)
        elif low.endswith("fold"):
            core.unit = "times"
        else:
            return None  # 5G, 4K: a name or a code
    j = i + 1
    # space-grouped thousands: 816 000
    if not suffix and re.fullmatch(r"\d{1,3}", tok.text):
        while (j < len(doc) and re.fullmatch(r"\d{3}", doc[j].text)
               and doc[j - 1].whitespace_ in (" ", "\u00a0", "\u202f", "\u2009")):
            core.value = core.value * 1000 + float(doc[j].text)
            j += 1
        core.raw = core.value
    # a scale word after it: 1.2 billion, 5 m after a currency, 3 bn
    if not core.scaled and not core.percent and j + 1 < len(doc) and doc[j].text == "-" \
            and doc[j - 1].whitespace_ == "" and doc[j].whitespace_ == "" and doc[j + 1].lower_ in nb.SCALE_WORDS:
        j += 1  # $400-million-a-year
    if not core.scaled and not core.percent and j < len(doc):
        nxt = doc[j].lower_
        glued = doc[j - 1].whitespace_ == ""
        scale = nb.scale_of(nxt, glued=glued)
        if nxt == "m" and not (core.currency or _money_before(doc, i) or (glued and _million_after(doc, j + 1))
                               or (glued and _capital_scale(doc, j, doc[j].text))):
            scale = None
        if scale and core.unit is None:
            core.value *= scale
            core.scaled = True
            j += 1
    if j < len(doc) and core.value == int(core.value) and not core.scaled and not core.percent:
        frac = re.fullmatch(r"(\d)/(\d{1,2})", doc[j].text)
        if frac and int(frac.group(1)) < int(frac.group(2)):
            core.value += int(frac.group(1)) / int(frac.group(2))
            j += 1
    if j < len(doc) and doc[j].text == "+" and doc[j - 1].whitespace_ == "" and not core.percent:
        core.approx = core.approx or "more than"  # 100+ people
        j += 1
    if j < len(doc) and doc[j].lower_ in ("'s", "’s", "s") and doc[j - 1].whitespace_ == "" \
            and core.value == int(core.value) and core.value % 10 == 0 and not core.scaled:
        return None  # the 90's, the 1980's
    core.end = j
    return core


def _money_before(doc, i: int) -> bool:
    """A currency sign or code just before token i (`£5m`, `USD 5m`)."""
    return i > 0 and bool(un.currency_symbol(doc[i - 1].text) or un.currency_code(doc[i - 1].text))


def _counted_after(doc, k: int) -> bool:
    """A plural noun right after `1m` makes the `m` a million (`1m people`), not metres."""
    return (k < len(doc) and doc[k].tag_ == "NNS" and not un.measure(doc[k].text)
            and doc[k].lower_ not in un.MEASURE_NOUNS and not un.currency_word(doc[k].text))


def _million_after(doc, k: int) -> bool:
    """`m` is a million before counted things (`1m people`), before `years` (`220m years
    ago`: no length is counted in years) and before another measure (`3.5m tons`: no length
    is counted in tons)."""
    return (_counted_after(doc, k) or low_at(doc, k) == "years" or low_at(doc, k) in un.MEASURE_NOUNS
            or (k < len(doc) and un.measure_word(doc[k].text) is not None))


def _capital_scale(doc, i: int, letter: str) -> bool:
    """`4M` glued to a number is four million (`earned 4M in profit`), as `2B` is two billion;
    not when the whole is a company or product name (`3M`)."""
    return letter == "M" and doc[i].ent_type_ != "ORG"


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
    if prev in ("first", "second", "the", "a", "other", "latter", "back", "top", "bottom", "in",
                "and", "this", "that", "each", "one"):
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
    if nxt in ("of", "the", "their", "its", "his", "her", "our", "all", "them", "those", "these",
               "my", "your", "", ",", ".", ";", ":", "were", "are", "was", "is", "said", "say", "had",
               "have", "did", "do", "will", "would", "could", "believe", "think", "expect", "agree"):
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


def _read_slash_fraction(doc, i: int) -> Core | None:
    """`1/3 of voters`: a share of a whole written with a slash, in percent (not `9/11`, `24/7`)."""
    m = re.fullmatch(r"(\d)/(\d{1,2})", doc[i].text)
    if not m or low_at(doc, i + 1) != "of":
        return None
    num, den = int(m.group(1)), int(m.group(2))
    if not 0 < num < den:
        return None
    return Core(i, i + 1, round(100.0 * num / den, 2), "fraction", percent="percent")


_GLUED_SHARES = re.compile(r"(\d+(?:\.\d+)?)%[-\u2013](\d+(?:\.\d+)?)")


def _read_glued_shares(doc, i: int) -> list[Core]:
    """`58%-33%`, which the tokenizer cuts as `58%-33` `%`: two percentages (a poll's split or
    a range), each with its own character span inside the glued token."""
    tok = doc[i]
    m = _GLUED_SHARES.fullmatch(tok.text)
    if not m or low_at(doc, i + 1) != "%" or tok.whitespace_:
        return []
    a = Core(i, i + 1, float(m.group(1)), "digits", percent="percent", raw=float(m.group(1)),
             glued_end=tok.idx + m.end(1) + 1)
    b = Core(i, i + 2, float(m.group(2)), "digits", percent="percent", raw=float(m.group(2)),
             glued_start=tok.idx + m.start(2))
    return [a, b]


def _digit_start(tok) -> bool:
    return tok.text[:1].isdigit() or (tok.text[:1] == "." and tok.text[1:2].isdigit()) or bool(_PREFIX.match(tok.text))


def _ratio_word(tok) -> bool:
    return tok.is_alpha and not _digit_start(tok) and (tok.lower_ in nb.RATIO_WORDS or tok.lower_.endswith("fold"))


def _vague_word(tok) -> bool:
    return tok.is_alpha and not _ratio_word(tok) and (tok.lower_ in nb.VAGUE_MAGNITUDES or tok.lower_ == "tens")


def _number_word(tok) -> bool:
    return tok.is_alpha and not _ratio_word(tok) and not _vague_word(tok)


def _one(read):
    return lambda doc, i: [c] if (c := read(doc, i)) is not None else []


# (name, does it apply at this token, reader): tried in order at each token, the first that
# reads anything wins; the name is the `rule` of every figure it reads
READERS = [
    ("digits", _digit_start, _one(_read_digits)),  # `2,000`, `$3.5bn`, `40%`
    ("fold", lambda t: _digit_start(t) and t.lower_.endswith("fold"), _one(_read_ratio)),  # `10-fold`
    ("slash_fraction", _digit_start, _one(_read_slash_fraction)),  # `1/3`
    ("glued_shares", _digit_start, _read_glued_shares),  # `58%-33%`
    ("ratio", _ratio_word, _one(_read_ratio)),  # `twice`, `triple`
    ("vague", _vague_word, _one(_read_vague)),  # `thousands of`, `dozens`
    ("words", _number_word, _one(_read_words)),  # `two-thirds`, `a million`, `forty-five`
]


def read_cores(doc) -> list[Core]:
    """Every number core in the doc, left to right, non-overlapping."""
    cores, i, n = [], 0, len(doc)
    while i < n:
        tok = doc[i]
        found = []
        for name, applies, read in READERS:
            if applies(tok):
                found = read(doc, i)
                if found:
                    break
        for c in found:
            c.text_start, c.text_end, c.rule = c.start, c.end, name
        cores.extend(found)
        i = max([c.end for c in found] + [i + 1])
    return cores
