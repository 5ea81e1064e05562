"""Reading number cores from spaCy tokens: digits with separators, scales and glued units,
number words, fractions of a whole, vague magnitudes and ratio words.

A core is only the number; `figure_filters` decides whether it is a figure at all and
`figure_context` adds its currency, hedge and unit.
"""

from __future__ import annotations

import re

from . import numbers as nb
from . import units as un
from . import wordlists as wl
from .figure_words import _read_ratio, _read_vague, _read_words
from .number_core import Core, low_at

__all__ = ["Core", "READERS", "low_at", "read_cores"]

_TIME_GLUED = re.compile(r"^\d{1,2}(?:[:.]\d{2})?(?:am|pm|a\.m\.?|p\.m\.?)$", re.I)
_CODES = "|".join(sorted((c.upper() for c in un.CURRENCY_CODES), key=lambda c: (-len(c), c)))
_PREFIX = re.compile(rf"^(?:~|≈|\+|-|−|{_CODES}|US|RM|Rs\.?|Rp|(?:US|HK|NZ|AU|A|C|S|R)?\$|€|£|¥|₹)(?=\.?\d)")
"""Signs and letters glued before the digits: a hedge, a sign, a currency code (`USD25m`,
`EUR40m`), letters (`RM79`) or a dollar of a country (`HK$500`)."""
SCREEN_WORDS = wl.words("numbers/screen_words")
_ORDINAL_SUFFIX = wl.words("numbers/ordinal_suffixes")


def _body(doc, i: int, prefix: str) -> str:
    """The digits of token i without their prefix: `25K.` closing a sentence loses its stop,
    `1.786.000` and `1.786 people` their dots between thousands."""
    body = doc[i].text[len(prefix):]
    if body.endswith(".") and body[-2:-1].isalpha():
        body = body[:-1]
    if re.fullmatch(r"\d{1,3}(?:\.\d{3}){2,}", body) or (
            re.fullmatch(r"\d{1,3}\.\d{3}", body) and _counted_after(doc, i + 1)
            and doc[i + 1].lower_ not in ("points", "times", "goals", "runs")):
        body = body.replace(".", "")
    return body


def _technology(doc, i: int, value: float, letter: str, after: str) -> bool:
    """`5G`, `3D`, a `4K` screen: names of technologies, not figures."""
    return letter in ("G", "K", "D") and value < 10 and (letter != "K" or after in SCREEN_WORDS)


def _apply_prefix(doc, i: int, core: Core, prefix: str) -> bool:
    """A hedge, sign or currency glued before the digits; False when the sign makes a code."""
    if prefix in ("~", "≈"):
        core.approx = "~"
    elif prefix in ("-", "−"):
        if i and (doc[i - 1].whitespace_ == "" and not doc[i - 1].is_punct) and not un.currency_symbol(doc[i - 1].text):
            return False  # glued to a word: a code, not a negative number (`$-12.5bn` is one)
        core.value = core.raw = -core.value
    elif prefix and prefix != "+":  # `+5%`: a change, written with its sign
        core.currency = (un.PREFIX_CURRENCIES.get(prefix.rstrip(".").lower()) or un.currency_symbol(prefix)
                         or un.currency_code(prefix) or "USD")
    return True


def _apply_suffix(doc, i: int, core: Core, suffix: str) -> bool:
    """Letters or signs glued after the digits: `%`, a scale (`3bn`, `5m` as money), a unit
    (`256GB`, `5m` as metres), pence, `-fold`; False for an ordinal, a decade, a time or a code."""
    low = suffix.lower()
    if low in _ORDINAL_SUFFIX or low in ("s", "'s") or _TIME_GLUED.match(doc[i].text):
        return False  # 1st, 1990s, 9am
    if core.value == int(core.value) and _technology(doc, i, abs(core.value), suffix, low_at(doc, i + 1)):
        return False
    if low in ("%", "pc"):
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
    elif low == "p":
        core.unit = "pence"
    elif low in un.GLUED_MEASURES:
        core.unit = un.measure(low)
    elif low.endswith("fold"):
        core.unit = "times"
    else:
        return False  # 5G, 4K: a name or a code
    return True


def _spaced_thousands(doc, i: int, core: Core) -> int:
    """`816 000`: groups of three digits after a space; the end they reach."""
    j = i + 1
    if re.fullmatch(r"\d{1,3}", doc[i].text):
        while (j < len(doc) and re.fullmatch(r"\d{3}", doc[j].text)
               and doc[j - 1].whitespace_ in (" ", "\u00a0", "\u202f", "\u2009")):
            core.value = core.value * 1000 + float(doc[j].text)
            j += 1
        core.raw = core.value
    return j


def _scale_after(doc, i: int, j: int, core: Core) -> int:
    """A scale word after the number (`1.2 billion`, `3 bn`, `5 m` after a currency,
    `$400-million-a-year`); the end it reaches."""
    if core.scaled or core.percent:
        return j
    if j + 1 < len(doc) and doc[j].text == "-" and doc[j - 1].whitespace_ == "" and doc[j].whitespace_ == "" \
            and doc[j + 1].lower_ in nb.SCALE_WORDS:
        j += 1
    if j >= len(doc):
        return j
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
    return j


def _tail(doc, j: int, core: Core) -> int | None:
    """What may close the number: a fraction (`2 1/2`), a plus (`100+ people`); None for a
    decade (`the 90's`). The end it reaches."""
    if j < len(doc) and core.value == int(core.value) and not core.scaled and not core.percent:
        frac = re.fullmatch(r"(\d)/(\d{1,2})", doc[j].text)
        if frac and int(frac.group(1)) < int(frac.group(2)):
            core.value += int(frac.group(1)) / int(frac.group(2))
            j += 1
    if j < len(doc) and doc[j].text == "+" and doc[j - 1].whitespace_ == "" and not core.percent:
        core.approx = core.approx or "more than"
        j += 1
    if j < len(doc) and doc[j].lower_ in ("'s", "’s", "s") and doc[j - 1].whitespace_ == "" \
            and core.value == int(core.value) and core.value % 10 == 0 and not core.scaled:
        return None
    return j


def _read_digits(doc, i: int) -> Core | None:
    """`2,000`, `816 000`, `1.2 billion`, `3bn`, `25k`, `10%`, `256GB`, `£5m`."""
    tok = doc[i]
    m = _PREFIX.match(tok.text)
    prefix = m.group(0) if m else ""
    if prefix == "US" and not (i and doc[i - 1].text == "$" and doc[i - 1].whitespace_ == ""):
        return None
    parsed = nb.parse_digits(_body(doc, i, prefix))
    if not parsed:
        return None
    value, suffix = parsed
    if not suffix and tok.whitespace_ == "" and i + 1 < len(doc) \
            and _technology(doc, i, value, doc[i + 1].text, low_at(doc, i + 2)):
        return None
    core = Core(i, i + 1, value, "digits", raw=value)
    if not _apply_prefix(doc, i, core, prefix) or (suffix and not _apply_suffix(doc, i, core, suffix)):
        return None
    j = _spaced_thousands(doc, i, core) if not suffix else i + 1
    end = _tail(doc, _scale_after(doc, i, j, core), core)
    if end is None:
        return None
    core.end = end
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
