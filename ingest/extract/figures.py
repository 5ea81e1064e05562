"""Figures: numbers stated as facts (counts, percentages, money, measures, ratios).

The extractor walks the spaCy tokens once. It first reads number *cores* (digits with their
separators and scales, number words, fractions, vague magnitudes, ratio words), drops those
that are not figures (years and dates, times, ordinals, numbers inside names, labels, phone
numbers), then grows each core with its currency, hedge and unit, links the two ends of ranges
so they share a unit, and returns one `Figure` per core. spaCy's entities are used only as hints:
its NER misses and mislabels numbers, so the decisions are made on tokens.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from newsfacts.schema.article import Article
from newsfacts.schema.claims import Figure

from . import numbers as nb
from . import units as un

VERSION = "2"

HEDGES = [
    "more than", "less than", "fewer than", "at least", "at most", "up to", "as many as",
    "as much as", "as few as", "as little as", "as high as", "as low as", "close to",
    "nearly", "almost", "about", "around", "roughly", "approximately", "some", "over", "under",
    "below", "above", "just over", "just under", "just below", "just above", "well over",
    "well above", "well below", "well under", "upwards of", "in excess of", "no more than",
    "no less than", "not more than", "an estimated", "estimated", "an average of", "about a",
    "more than a", "almost a", "nearly a", "around a", "up to a", "at least a", "over a",
    "circa", "approx.", "exactly", "precisely",
    "less than a", "tens of", "hundreds of", "higher than", "lower than", "greater than",
    "nearly a", "an additional", "another", "~", "≈", "an average of",
]
_HEDGES = sorted((tuple(h.split()) for h in HEDGES), key=len, reverse=True)
_NOT_HEDGE_APPROX = {"only", "just", "exactly", "precisely", "an additional", "another",
                     "a mere", "fully", "barely", "an average of"}

MONTHS = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec",
}
WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
TIME_MARKERS = {"a.m.", "p.m.", "am", "pm", "a.m", "p.m", "o'clock", "o’clock", "oclock", "gmt", "bst", "utc", "et",
                "est", "edt", "pst", "pdt", "cet", "cest", "hrs", "hours"}
"""Words after a number that make it a time of day (`9 a.m.`); `hours` only after `0900`."""

LABEL_NOUNS = {
    "page", "pages", "section", "chapter", "article", "clause", "paragraph", "item", "no",
    "no.", "number", "nos", "room", "flight", "route", "highway", "interstate", "road",
    "episode", "season", "volume", "vol", "vol.", "figure", "fig", "fig.", "table", "version",
    "level", "grade", "category", "phase", "stage", "line", "platform", "gate", "exit", "seat",
    "bus", "channel", "tier", "game", "week", "day", "act", "scene", "verse", "rule", "amendment",
    "proposition", "prop", "question", "district", "ward", "unit", "apartment", "suite", "box",
    "lot", "block", "floor", "book", "part", "step", "track", "model", "type", "class", "size",
    "division", "league", "band", "pillar", "title", "lane", "terminal", "building", "hole",
    "race", "round", "heat", "match", "stadium", "studio", "mark", "series", "hurricane", "top",
}
"""Nouns a number can name rather than count (`page 5`, `Article 50`, `Game 7`)."""

STREET_WORDS = {"street", "st", "st.", "avenue", "ave", "ave.", "road", "rd", "rd.", "boulevard",
                "blvd", "lane", "drive", "place", "square", "way", "court", "terrace", "row"}

YEAR_NOUNS = {"elections", "olympics", "games", "sales", "revenues", "earnings", "profits", "results",
              "figures", "levels", "numbers", "prices", "forecasts", "estimates", "accounts", "returns",
              "taxes", "rates", "budgets", "accounts", "finals", "championships", "playoffs", "midterms",
              "primaries", "graduates", "models", "standings"}
"""Plural nouns a year commonly modifies (`2018 sales`), so the number before them is no count."""

COMPARATIVES = {"higher", "more", "larger", "bigger", "greater", "faster", "lower", "less",
                "smaller", "as", "the", "that", "what", "its", "their", "his", "her", "our",
                "over", "longer", "likely", "cheaper", "expensive", "fewer", "slower", "stronger"}

_TIME_GLUED = re.compile(r"^\d{1,2}(?:[:.]\d{2})?(?:am|pm|a\.m\.?|p\.m\.?)$", re.I)
_PHONE = re.compile(
    r"(?<![\w.,])(?:\+\d{1,3}[ .-]?\(?\d{1,5}\)?(?:[ .-]?\d{2,4}){2,4}"  # +44 20 7946 0958
    r"|\(\d{2,5}\)[ .-]?\d{3,4}[ .-]?\d{3,4}"                     # (212) 555-0134
    r"|\d{3}[.-]\d{3}[.-]\d{4}|\d{3}-\d{4})(?![\w-])")           # 212-555-0134, 555-0134
_PREFIX = re.compile(r"^(?:~|≈|-|−|US|RM|Rs\.?|Rp|(?:US|HK|NZ|AU|A|C|S|R)?\$|€|£|¥|₹)(?=\.?\d)")
SCREEN_WORDS = {"tv", "tvs", "video", "videos", "resolution", "display", "displays", "screen",
                "screens", "camera", "cameras", "monitor", "monitors", "streaming", "content", "hdr"}
_ORDINAL_SUFFIX = {"st", "nd", "rd", "th"}


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


# ---------------------------------------------------------------------------------- reading

def _glued(doc, i: int) -> bool:
    """Token i is written against token i+1 with no space."""
    return i + 1 < len(doc) and doc[i].whitespace_ == ""


def _low(doc, i: int) -> str:
    return doc[i].lower_ if 0 <= i < len(doc) else ""


def _read_digits(doc, i: int) -> Core | None:
    """`2,000`, `816 000`, `1.2 billion`, `3bn`, `25k`, `10%`, `256GB`, `£5m`."""
    tok = doc[i]
    m = _PREFIX.match(tok.text)
    prefix = m.group(0) if m else ""
    if prefix == "US" and not (i and doc[i - 1].text == "$" and doc[i - 1].whitespace_ == ""):
        return None
    body = tok.text[len(prefix):]
    if body.endswith(".") and body[-2:-1].isalpha():
        body = body[:-1]  # `25K.` at the end of a sentence
    parsed = nb.parse_digits(body)
    if not parsed:
        return None
    value, suffix = parsed
    if not suffix and tok.whitespace_ == "" and i + 1 < len(doc) and doc[i + 1].text in ("G", "K", "D") \
            and value < 10 and (doc[i + 1].text != "K" or _low(doc, i + 2) in SCREEN_WORDS):
        return None  # 5G, 3D, a 4K screen: names of technologies
    low = suffix.lower()
    core = Core(i, i + 1, value, "digits", raw=value)
    if prefix in ("~", "≈"):
        core.approx = "~"
    elif prefix in ("-", "−"):
        if i and (doc[i - 1].whitespace_ == "" and not doc[i - 1].is_punct):
            return None  # glued to a word: a code, not a negative number
        core.value = core.raw = -value
    elif prefix:
        core.currency = un.PREFIX_CURRENCIES.get(prefix.rstrip(".")) or un.currency_symbol(prefix) or "USD"
    if low:
        if low in _ORDINAL_SUFFIX or low == "s" or low == "'s":
            return None  # 1st, 1990s
        if _TIME_GLUED.match(tok.text):
            return None
        if suffix in ("G", "K", "D") and value < 10 and value == int(value) and (
                suffix != "K" or _low(doc, i + 1) in SCREEN_WORDS):
            return None  # 5G, 3D, a 4K screen: names of technologies
        if low == "%":
            core.percent = "percent"
        elif nb.scale_of(low, glued=True) and low != "m":
            core.value *= nb.scale_of(low, glued=True)
            core.scaled = True
        elif low == "m":
            if _money_before(doc, i) or _counted_after(doc, i + 1):
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
        if nxt == "m" and not (_money_before(doc, i) or (glued and _counted_after(doc, j + 1))):
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
    return k < len(doc) and doc[k].tag_ == "NNS" and not un.measure(doc[k].text)


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
        if _low(doc, i - 1) == "and" and doc[i + 1].lower_ == "half":
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
    # two and a half (million)
    if (end + 2 < len(doc) and doc[end].lower_ == "and" and doc[end + 1].lower_ in ("a", "one")
            and doc[end + 2].lower_ == "half"):
        value += 0.5
        end += 3
        if end < len(doc) and doc[end].lower_ in nb.SCALE_WORDS:
            value = (value - 0.5 + 0.5) * nb.SCALE_WORDS[doc[end].lower_]
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


def _read_fraction(doc, i: int, numerator: float, k: int) -> Core | None:
    """A fraction of a whole, in percent; `a quarter-point` is a quarter of a percentage point."""
    den_word = doc[k].lower_
    nxt = _low(doc, k + 1)
    if nxt == "-" and doc[k].whitespace_ == "" and _low(doc, k + 2) in ("point", "points"):
        den = nb.FRACTION_DENOMINATORS[den_word]
        c = Core(i, k + 3, round(numerator / den, 4), "fraction", percent="percentage points")
        return c
    if doc[i].lower_ in ("a", "an", "one") and nxt not in ("of", "", ",", ".", ";", ":", ")", "'s"):
        if doc[k + 1].pos_ in ("NOUN", "PROPN", "ADJ", "NUM") or nxt == "-":
            return None  # a third term, a quarter century, a fourth-quarter
    if doc[k - 1].lower_ in ("a", "an", "one") and den_word in ("half",) and nxt in ("a", "an"):
        return None
    value = nb.fraction_value(numerator, den_word)
    if value is None:
        return None
    return Core(i, k + 1, value, "fraction", percent="percent")


def _read_half(doc, i: int) -> Core | None:
    """`half` of a whole (50 %), `half a million` (500000); not `first half`, `half-time`."""
    prev = _low(doc, i - 1)
    nxt = _low(doc, i + 1)
    if prev in ("first", "second", "the", "a", "other", "latter", "back", "top", "bottom", "in",
                "and", "this", "that", "each", "one"):
        return None
    if nxt == "-" or (i + 1 < len(doc) and doc[i].whitespace_ == "" and nxt not in (",", ".")):
        return None
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
    if w == "tens" and _low(doc, i + 1) == "of" and _low(doc, i + 2) in nb.VAGUE_MAGNITUDES:
        base = nb.VAGUE_MAGNITUDES[_low(doc, i + 2)]
        return Core(i, i + 3, 10 * base, "vague", raw=10 * base, scaled=True, approx="tens of")
    if w == "hundreds" and _low(doc, i + 1) == "of" and _low(doc, i + 2) in ("thousands", "millions", "billions"):
        base = nb.VAGUE_MAGNITUDES[_low(doc, i + 2)]
        return Core(i, i + 3, 100 * base, "vague", raw=100 * base, scaled=True, approx="hundreds of")
    if w in nb.VAGUE_MAGNITUDES and doc[i].pos_ in ("NOUN", "NUM"):
        if _low(doc, i - 1) in ("the", "his", "her", "their", "its"):
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
    if _low(doc, i + 1) in ("down", "up", "back") and w not in ("twice", "thrice"):
        return None  # doubling down, doubled over
    if w in ("twice", "thrice"):
        return Core(i, i + 1, v, "ratio", unit="times", raw=v)
    nxt = _low(doc, i + 1)
    if tok.pos_ == "VERB" or nxt in ("the", "that", "its", "their", "his", "her", "what", "this") \
            or _low(doc, i - 1) in ("than", "nearly", "almost", "roughly", "about", "more"):
        if nxt == "-" or (tok.pos_ != "VERB" and nxt in ("digits", "digit")):
            return None
        return Core(i, i + 1, v, "ratio", unit="times", raw=v)
    return None


def read_cores(doc) -> list[Core]:
    """Every number core in the doc, left to right, non-overlapping."""
    cores, i, n = [], 0, len(doc)
    while i < n:
        tok = doc[i]
        core = None
        if tok.text[:1].isdigit() or (tok.text[:1] == "." and tok.text[1:2].isdigit()) or _PREFIX.match(tok.text):
            core = _read_digits(doc, i)
            if core is None and tok.lower_.endswith("fold"):
                core = _read_ratio(doc, i)
        elif tok.is_alpha:
            w = tok.lower_
            if w in nb.RATIO_WORDS or w.endswith("fold"):
                core = _read_ratio(doc, i)
            elif w in nb.VAGUE_MAGNITUDES or w == "tens":
                core = _read_vague(doc, i)
            else:
                core = _read_words(doc, i)
        if core is not None:
            core.text_start, core.text_end = core.start, core.end
            cores.append(core)
            i = max(core.end, i + 1)
        else:
            i += 1
    return cores


# ---------------------------------------------------------------------------- not figures

def _entity_at(doc, i: int):
    """The entity span holding token i, found by walking its IOB tags (no scan of doc.ents)."""
    if not doc[i].ent_type_:
        return None
    s = i
    while s > 0 and doc[s].ent_iob_ == "I":
        s -= 1
    e = i + 1
    while e < len(doc) and doc[e].ent_iob_ == "I":
        e += 1
    return doc[s:e]


def _is_month(tok) -> bool:
    return tok.lower_.rstrip(".") in MONTHS and (tok.text[:1].isupper())


def _is_year(doc, core: Core) -> bool:
    """A four-digit number read as a calendar year (`in 2018`, `2018-19`, `the 2010 final`)."""
    tok = doc[core.start]
    if core.kind != "digits" or core.end - core.start != 1 or core.percent or core.scaled or core.unit:
        return False
    if not re.fullmatch(r"\d{4}", tok.text) or not 1000 <= core.value <= 2100:
        return False
    prev = doc[core.start - 1] if core.start else None
    if prev is not None and (un.currency_symbol(prev.text) or prev.lower_ in ("about", "around",
                                                                              "nearly", "some", "than", "least", "almost", "roughly", "approximately")):
        return False
    nxt = doc[core.end] if core.end < len(doc) else None
    if nxt is not None and nxt.tag_ == "NNS" and tok.ent_type_ != "DATE" and nxt.lower_ not in YEAR_NOUNS \
            and not (prev is not None and prev.tag_ == "POS"):
        return False  # 2000 people, but 2018 sales
    if nxt is not None and (un.measure_word(nxt.text) or nxt.lower_ in un.PERCENT_WORDS):
        return False  # 1000 hp
    if prev is not None and prev.lower_ in ("a.d.", "ad", "b.c.", "bc", "bce", "ce"):
        return True
    if core.value < 1800 and tok.ent_type_ != "DATE" and (prev is None or prev.lower_ not in ("in", "since", "from", "until", "by", "year", "circa", "c.", "between")):
        return False  # an average of 1500
    return True


def _in_date(doc, core: Core) -> bool:
    """Day of month or a number inside a date entity that names a month, weekday or year."""
    if core.kind != "digits" or core.percent or core.currency:
        return False
    i, tok = core.start, doc[core.start]
    if core.value > 31 or core.value != int(core.value):
        day = False
    else:
        day = (i > 0 and _is_month(doc[i - 1].__class__ and doc[i - 1])) or \
              (i + 1 < len(doc) and _is_month(doc[i + 1])) or \
              (i + 2 < len(doc) and doc[i + 1].lower_ == "of" and _is_month(doc[i + 2]))
        if i > 1 and doc[i - 1].text == "." and _is_month(doc[i - 2]):
            day = True
    if day:
        return True
    if tok.ent_type_ == "DATE" and core.value <= 31:
        ent = _entity_at(doc, i)
        if ent is not None and any(_is_month(t) or t.lower_ in WEEKDAYS for t in ent):
            return True
    return False


def _is_time(doc, core: Core) -> bool:
    if core.kind not in ("digits", "words") or core.percent:
        return False
    nxt = _low(doc, core.end)
    if nxt in TIME_MARKERS - {"hours", "hrs"}:
        return True
    if nxt in ("hours", "hrs") and re.fullmatch(r"[012]\d{3}", doc[core.start].text):
        return True
    if re.fullmatch(r"\d{1,2}\.\d{2}", doc[core.start].text) and nxt in ("a.m.", "p.m.", "am", "pm"):
        return True
    return False


def _in_name(doc, core: Core) -> bool:
    """`COVID-19`, `G-20`, `Boeing 737`, `S&P 500`, `Group of 20`, `Article 50`, `page 5`."""
    i = core.start
    if core.kind != "digits" or core.percent or core.currency or core.unit:
        return False
    prev = doc[i - 1] if i else None
    if prev is not None and (un.currency_symbol(prev.text) or un.currency_code(prev.text)):
        return False
    head = doc[core.end - 1].head
    counts_head = head.i > core.end - 1 and head.tag_ in ("NNS", "NNPS") and head.i - core.end < 4
    if prev is not None and prev.is_alpha and any(ch.isupper() for ch in prev.text[1:]) \
            and not prev.text.isupper():
        return True  # iPhone 11, PlayStation 5
    nxt = doc[core.end] if core.end < len(doc) else None
    # glued to a word with a hyphen: COVID-19, F-16, MH17-like codes
    if prev is not None and prev.text in ("-", "‑") and prev.whitespace_ == "" and i > 1 \
            and doc[i - 2].whitespace_ == "" and doc[i - 2].is_alpha and not nb.is_number_word(doc[i - 2].text) \
            and doc[i - 2].lower_ not in ("mid", "top", "under", "over", "about", "around", "up", "per", "to",
                                          "and", "or", "in", "of", "by", "from", "than"):
        return True
    # glued after letters without a hyphen (spaCy split `G20` rarely), or a code like 737-800
    if prev is not None and prev.whitespace_ == "" and prev.is_alpha and prev.lower_ not in un.CURRENCY_SYMBOLS:
        return True
    followed_by_noun = nxt is not None and (nxt.pos_ in ("NOUN",) or nxt.lower_ in un.PERCENT_WORDS
                                            or un.measure_word(nxt.text) or nxt.text == "-")
    if prev is not None and prev.pos_ in ("PROPN", "NOUN") and prev.text[:1].isupper() \
            and nxt is not None and nxt.tag_ == "NN" and core.value != 1 and not un.measure_word(nxt.text) \
            and nxt.lower_ not in un.MEASURE_NOUNS and not _is_month(prev):
        return True  # Planet 9 project
    counts_next = nxt is not None and (nxt.tag_ == "NNS" or nxt.lower_ in un.PERCENT_WORDS
                                       or un.measure_word(nxt.text) or nxt.text == "-")
    if prev is not None and prev.text in ("No", "No.", "no.", "#", "Nos", "Nos.", "Number"):
        return True
    if prev is not None and prev.text == "." and i > 1 and doc[i - 2].text in ("No", "no", "Nos") \
            and doc[i - 2].whitespace_ == "":
        return True  # No. 2 split by the tokenizer
    if prev is not None and prev.text == "The" and prev.i != prev.sent.start and not counts_head:
        return True  # a title mid-sentence: `The 411`
    if prev is not None and prev.lower_.rstrip(".") in LABEL_NOUNS and prev.text[:1].isupper() \
            and prev.i != prev.sent.start and not core.scaled:
        return True  # Model 3 sedans, Article 50 talks
    if prev is not None and prev.lower_.rstrip(".") in LABEL_NOUNS and not counts_next \
            and not (prev.lower_ in ("no", "number") and prev.text[:1].islower()):
        return True
    # a code after capitals: S&P 500, FTSE 100, P 500, G 7
    if prev is not None and prev.is_alpha and prev.text.isupper() and len(prev.text) <= 4 \
            and not un.currency_code(prev.text) and prev.i != prev.sent.start and not core.scaled:
        return True
    # a model name after it: iPhone 11 Pro, 787 Dreamliner
    if nxt is not None and nxt.pos_ == "PROPN" and nxt.text[:1].isupper() and not nxt.text.endswith("s") \
            and not counts_head \
            and nxt.ent_type_ not in ("NORP", "GPE") and not un.measure_word(nxt.text) and not core.scaled \
            and not un.currency_word(nxt.text) and not un.currency_code(nxt.text) and not _is_month(nxt):
        return True
    # a US zip code: New York, NY 10032
    if re.fullmatch(r"\d{5}", doc[i].text) and prev is not None and (
            (prev.text.isupper() and len(prev.text) == 2) or (prev.text == "," and i > 1 and doc[i - 2].text.isupper() and len(doc[i - 2].text) == 2)):
        return True
    # a list marker: `1) The race`, `(2) costs`
    if nxt is not None and nxt.text == ")" and doc[i].whitespace_ == "" and (
            prev is None or prev.text == "(" or "\n" in prev.text_with_ws or prev.is_space or prev.is_sent_end):
        return True
    # street numbers: 10 Downing Street
    if nxt is not None and nxt.pos_ == "PROPN":
        k = core.end
        while k < len(doc) and doc[k].pos_ == "PROPN" and k - core.end < 4:
            if doc[k].lower_ in STREET_WORDS:
                return True
            k += 1
    # after a capitalised name word, not counting anything: Boeing 737, S&P 500, Windows 10
    if prev is not None and prev.pos_ == "PROPN" and not _is_month(prev) and any(ch.isupper() for ch in prev.text) \
            and not followed_by_noun and prev.i != prev.sent.start and prev.ent_type_ not in ("GPE", "NORP") \
            and not un.currency_code(prev.text) and prev.lower_ not in un.CURRENCY_SYMBOLS:
        return True
    # Group of 20
    if prev is not None and prev.lower_ == "of" and i > 1 and doc[i - 2].pos_ == "PROPN" \
            and doc[i - 2].text[:1].isupper() and doc[i].ent_type_ in ("ORG", "EVENT", "LAW", "PRODUCT", "FAC", "WORK_OF_ART") \
            and not followed_by_noun:
        return True
    if doc[i].ent_type_ in ("ORG", "PRODUCT", "WORK_OF_ART", "EVENT", "LAW", "FAC") and not followed_by_noun:
        ent = _entity_at(doc, i)
        if ent is not None and ent.start < i and any(t.is_alpha and t.text[:1].isupper() for t in doc[ent.start:i]):
            return True
    return False


def _phone_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _PHONE.finditer(text)]


# ------------------------------------------------------------------------------ context

def _attach_left(doc, core: Core) -> None:
    """Currency symbol or code just before the number, then a hedge before that."""
    s = core.start
    if s > 0 and doc[s - 1].lower_ == "minus" and core.kind == "digits":
        core.value = -abs(core.value)
        s -= 1
    if s > 0:
        prev = doc[s - 1]
        code = un.currency_symbol(prev.text) or un.currency_code(prev.text)
        if code and core.kind in ("digits", "words", "vague"):
            core.currency = code
            s -= 1
            # US $58.24, A $5
            if s > 0 and doc[s - 1].text in ("US", "U.S.", "A", "C", "NZ", "HK", "S", "AU") and prev.text == "$":
                core.currency = un.currency_symbol(doc[s - 1].text + "$") or code
                s -= 1
    if core.approx is None:
        for h in _HEDGES:
            n = len(h)
            if s - n < 0:
                continue
            if tuple(t.lower_ for t in doc[s - n:s]) == h:
                if h[-1] in ("a", "an") and core.kind != "words":
                    continue
                if h == ("some",) and core.kind not in ("digits", "words"):
                    break
                if h in (("over",), ("under",), ("above",), ("below",)) and _low(doc, s - n - 1) in ("from", "to"):
                    break
                if n == 1 and doc[s - 1].dep_ == "prt":
                    break  # handed over millions
                s -= n
                hedge = " ".join(t.text for t in doc[s:s + n])
                if hedge.lower() not in _NOT_HEDGE_APPROX:
                    core.approx = hedge.lower()
                # just over half
                if s > 0 and doc[s - 1].lower_ in ("just", "well", "slightly") and n == 1:
                    s -= 1
                    core.approx = f"{doc[s].lower_} {core.approx}" if core.approx else None
                break
    core.text_start = min(core.text_start, s)


def _attach_right(doc, core: Core) -> None:
    """Percent words, currency words, units, a hyphenated measure or the counted noun."""
    j = core.end
    n = len(doc)

    def low(k):
        return _low(doc, k)

    if core.percent is None and core.kind in ("digits", "words"):
        if low(j) in ("%", "percent", "pct", "per-cent"):
            core.percent = "percent"
            j += 1
        elif low(j) == "per" and low(j + 1) == "cent":
            core.percent = "percent"
            j += 2
        elif low(j) == "pc" and core.kind == "digits":
            core.percent = "percent"
            j += 1
        if core.percent and low(j) in ("point", "points"):
            core.percent = "percentage points"
            j += 1
        elif low(j) == "percentage" and low(j + 1) in ("point", "points"):
            core.percent = "percentage points"
            j += 2
    if core.percent:
        core.text_end = max(core.text_end, j)
        return
    if core.kind == "ratio":
        if low(j) in ("the", "as", "that"):
            pass
        core.text_end = max(core.text_end, j)
        return
    # currency words: 15 euros, 10.5 million Australian dollars, 19 cents
    if core.currency is None:
        code = un.currency_word(low(j))
        if code and not (low(j) in ("pound", "pounds") and _weight_context(doc, j)):
            core.currency = code
            j += 1
            if low(j) == "sterling":
                j += 1
        elif j + 1 < n and un.currency_word(low(j + 1), low(j)) and low(j + 1).startswith("dollar"):
            core.currency = un.currency_word(low(j + 1), low(j))
            j += 2
        elif low(j) in un.SUBUNITS and core.kind in ("digits", "words") and not (low(j) == "p" and doc[j - 1].whitespace_):
            core.unit = un.SUBUNITS[low(j)]
            j += 1
        elif un.currency_code(doc[j].text if j < n else "") and core.kind in ("digits", "words"):
            core.currency = doc[j].text.upper()
            j += 1
    if core.currency:
        core.unit = core.currency
        core.text_end = max(core.text_end, j)
        return
    if core.unit:  # glued unit
        core.text_end = max(core.text_end, j)
        return
    # hyphenated measure: 48-year-old, 12-month, three-page
    if low(j) in ("-", "‑") and low(j + 1) != "plus" and doc[j - 1].whitespace_ == "" and j + 1 < n and doc[j + 1].is_alpha:
        k = j + 1
        unit = doc[k].text
        k += 1
        if low(k) == "-" and low(k + 1) == "old":
            k += 2
        core.unit = unit
        core.text_end = k
        return
    # measures and abbreviations
    m = un.measure(doc[j].text) if j < n else None
    glued_unit = j > 0 and doc[j - 1].whitespace_ == "" and core.kind == "digits"
    if m and (glued_unit or doc[j].text not in ("in", "In", "m", "t", "g", "l", "h", "w", "c", "f", "v")) \
            and not (doc[j].text == "C" and core.kind != "digits"):
        k = j + 1
        if low(k) == "/" and k + 1 < n and doc[k + 1].is_alpha:  # km/h
            m = doc[j].text + "/" + doc[k + 1].text.rstrip(".")
            k += 2
        if low(j) in ("degrees", "degree") and low(k) in ("celsius", "fahrenheit", "c", "f"):
            k += 1
        core.unit = m
        core.text_end = k
        return
    if low(j) in ("points", "point"):
        core.unit = "points"
        core.text_end = j + 1
        return
    if low(j) == "basis" and low(j + 1) in ("points", "point"):
        core.unit = "basis points"
        core.text_end = j + 2
        return
    if low(j) in ("-", "‑") and low(j + 1) == "plus":
        core.approx = core.approx or "more than"
        core.text_end = j + 2
        return
    # the counted noun: the head the number modifies, a few words on
    last = doc[core.end - 1]
    head = last.head
    if last.dep_ in ("nummod", "quantmod", "compound", "amod", "npadvmod", "nmod") and head.i >= core.end \
            and head.i - core.end <= 4 and head.pos_ in ("NOUN", "PROPN") and head.is_alpha:
        if all(t.pos_ in ("ADJ", "NOUN", "PROPN", "PUNCT", "ADV", "VERB", "NUM") and t.text not in (",", ";", ":", "(")
               for t in doc[core.end:head.i]):
            core.unit = head.text
            core.text_end = head.i + 1
            return
    if j < n and doc[j].pos_ == "NOUN" and doc[j].is_alpha and doc[j].tag_ == "NNS":
        core.unit = doc[j].text
        core.text_end = j + 1
        return
    # tens of thousands of people, millions of dollars
    if core.kind in ("vague", "words", "digits") and low(j) == "of" and j + 1 < n:
        k = j + 1
        while k < n and doc[k].pos_ in ("ADJ",) and k - j < 3:
            k += 1
        if k < n and doc[k].pos_ == "NOUN" and doc[k].tag_ == "NNS" and core.kind == "vague":
            code = un.currency_word(doc[k].lower_)
            core.unit = code or doc[k].text
            core.currency = code
    core.text_end = max(core.text_end, j)


WEIGHT_WORDS = {"weigh", "weighs", "weighed", "weighing", "weight", "heavy", "heavier", "lighter",
                "lbs", "ounces", "kg", "obese", "overweight", "pounds-heavy"}


def _weight_context(doc, j: int) -> bool:
    """`200 pounds` of weight rather than sterling: a body, a catch, an animal nearby."""
    return any(t.lower_ in WEIGHT_WORDS for t in doc[j].sent)


SCORE_CUES = {"decision", "ruling", "vote", "votes", "voted", "verdict", "majority", "split", "win", "won", "wins", "victory", "defeat", "defeated", "beat", "beats", "lost", "loss",
              "lose", "draw", "drew", "drawn", "lead", "led", "leads", "trail", "trailed", "aggregate",
              "ended", "score", "scoreline", "finished", "thrashing", "rout", "home", "away", "tie"}


def _is_score(doc, a: Core, b: Core, gap: list[str]) -> bool:
    """`ended 2-2`, `a 3-1 win`: a match score, not a range."""
    if gap not in (["-"], ["–"]) or a.kind != "digits" or b.kind != "digits":
        return False
    if a.percent or a.currency or b.percent or b.currency:
        return False
    if (a.unit or b.unit) and un.measure_word(a.unit or b.unit or ""):
        return False
    if a.value != int(a.value) or b.value != int(b.value) or max(a.value, b.value) > 200:
        return False
    window = doc[max(0, a.start - 4):min(len(doc), b.end + 4)]
    return any(t.lower_ in SCORE_CUES for t in window)


def _link_ranges(doc, cores: list[Core]) -> None:
    """`10-20%`, `from 4.9 to 5 percent`, `between $62 and $68`: the first end takes the unit,
    currency and scale of the second; `2018-19` is a year range, not a figure."""
    for a, b in zip(cores, cores[1:]):
        gap = [t.lower_ for t in doc[a.text_end:b.text_start]]
        if gap not in (["to"], ["-"], ["–"], ["—"], ["and"], ["or"], ["to", "about"], ["and", "about"],
                       ["-", "to", "-"]):
            continue
        if _is_score(doc, a, b, gap):
            a.drop = b.drop = True
            continue
        if a.drop and "year" not in a.notes and gap == ["-"] and doc[a.end].whitespace_ == "" \
                and doc[a.end - 1].whitespace_ == "":
            b.drop = True  # ISO 3888-2, Boeing 737-800
            continue
        if "year" in a.notes:
            if not b.drop and (b.unit or b.percent or b.currency) and gap != ["-"] \
                    and _low(doc, a.start - 1) in ("between", "from") and not b.scaled:
                a.drop = False  # between 1500 and 2000 people
                a.notes.remove("year")
            else:
                if b.kind == "digits" and not (b.scaled or b.percent or b.currency or b.unit) \
                        and gap != ["or"] and re.fullmatch(r"\d{2}|\d{4}", doc[b.start].text):
                    b.drop = True  # 2018-19, between 1600 and 1900
                continue
        if gap == ["and"] and _low(doc, a.text_start - 1) != "between" and not (
                b.percent and not a.percent and a.kind == "digits" and a.end == a.text_end):
            if not (a.kind == "words" and b.kind == "words"):
                continue
        if a.currency and b.currency and a.currency != b.currency:
            continue
        if b.percent and not a.percent and not a.unit and not a.currency:
            a.percent = b.percent
        if b.currency and not a.currency and not a.unit and not a.percent:
            a.currency = a.unit = b.currency
        if a.currency and not b.currency and not b.unit and not b.percent:
            b.currency = b.unit = a.currency
        if b.scaled and not a.scaled and a.kind == "digits" and a.raw <= b.raw and not a.percent:
            factor = b.value / b.raw if b.raw else 1
            a.value *= factor
            a.scaled = True
        if b.unit and not a.unit and not a.percent and not a.currency:
            a.unit = b.unit
        a.small_words = a.small_words and b.small_words


def _elliptic_percent(doc, cores: list[Core]) -> None:
    """`65 percent were white, 11.9 percent black and 7.3 of another race`: a bare number closing
    a list of percentages is one too."""
    prev = None
    for c in cores:
        if c.drop:
            continue
        if (prev is not None and prev.percent and c.kind == "digits" and not (c.percent or c.currency or c.unit)
                and c.value <= 100 and doc[c.start].sent.start == doc[prev.start].sent.start
                and c.start - prev.text_end <= 8 and _low(doc, c.text_start - 1) in ("and", ",", "or", "while")):
            c.percent = prev.percent
        prev = c


# ------------------------------------------------------------------------------- output

def _phrase(tok, skip: range) -> str | None:
    """A noun with its modifiers to the left (`average retail price`), outside the figure."""
    mods = [c for c in tok.lefts if c.dep_ in ("compound", "amod", "nmod", "poss", "npadvmod")
            and c.i not in skip and not c.like_num]
    toks = [t for m in mods for t in m.subtree if t.i not in skip and not t.is_punct] + [tok]
    toks = sorted(set(toks), key=lambda t: t.i)[-5:]
    return " ".join(t.text for t in toks) or None


def _about(doc, core: Core) -> str | None:
    """A few words on what is measured: `X of ...` after the figure, the counted noun, the noun the
    figure completes (`a turnout of 43.9%`), or the subject of its clause."""
    span = range(core.text_start, core.text_end)
    end = core.text_end
    if _low(doc, end) == "of" and end + 1 < len(doc):
        k = end + 1
        toks = []
        while k < len(doc) and k - end <= 6 and doc[k].pos_ in ("DET", "ADJ", "NOUN", "PROPN", "NUM", "PRON"):
            toks.append(doc[k].text)
            k += 1
        if toks:
            return " ".join(toks)
    if core.unit and not core.currency and core.unit not in ("times",) and not core.percent:
        unit_tok = doc[core.text_end - 1]
        measure = unit_tok.lower_ in un.MEASURE_NOUNS or un.measure(unit_tok.text)
        if unit_tok.is_alpha and unit_tok.i > core.end - 1 and not measure:
            return _phrase(unit_tok, range(core.text_start, core.end)) or core.unit
    root = next((t for t in doc[core.text_start:core.text_end] if t.head.i not in span or t.head is t),
                doc[core.start])
    head = root.head
    if head.pos_ == "ADP" and head.i not in span:
        head = head.head
    if head.pos_ in ("NOUN", "PROPN") and head.i not in span:
        return _phrase(head, span)
    for _ in range(4):
        subj = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass") and c.i not in span]
        if subj:
            toks = [t for t in subj[0].subtree if t.i not in span and not t.is_punct and not t.like_num][:8]
            while toks and toks[-1].pos_ in ("DET", "ADP", "CCONJ", "PART"):
                toks.pop()
            if toks:
                return " ".join(t.text for t in toks)
        if head.head is head:
            break
        head = head.head
    return None


_ODD_SPACES = re.compile(r"[\u00a0\u2007\u2009\u202f]")


def _plain_spaces(doc, text: str):
    """spaCy makes a token of a no-break or thin space (`100\u00a0percent`), which splits a
    figure from its unit; such texts are parsed again with plain spaces (same offsets)."""
    if not _ODD_SPACES.search(text) or doc.text != text:
        return doc
    from .pipeline import load

    return load()(_ODD_SPACES.sub(" ", text))


def find_figures(doc, article: Article) -> list[Figure]:
    """Every figure in the article, in text order."""
    text = article.text
    doc = _plain_spaces(doc, text)
    cores = read_cores(doc)
    phones = _phone_spans(text)
    kept = []
    for c in cores:
        if _is_year(doc, c):
            c.notes.append("year")
            c.drop = True
        elif _in_date(doc, c) or _is_time(doc, c) or _in_name(doc, c):
            c.drop = True
        else:
            s = doc[c.start].idx
            if any(a <= s < b for a, b in phones):
                c.drop = True
        kept.append(c)
    for c in kept:
        _attach_left(doc, c)
        _attach_right(doc, c)
    _link_ranges(doc, kept)
    _elliptic_percent(doc, kept)
    out = []
    for c in kept:
        if c.drop:
            continue
        ratio = (c.unit or "").lower() == "times" and (
            _low(doc, c.text_end) in COMPARATIVES or doc[c.text_end - 1].head.lower_ in COMPARATIVES)
        if c.small_words and not (c.percent or c.currency or ratio or (c.unit or "").lower() in un.MEASURE_NOUNS):
            continue  # a small count in words: optional in the gold, and often not a claim
        if c.small_words and c.value == 1 and not c.approx and (c.unit or "").lower() in ("day", "night", "time"):
            continue  # `one day`
        start = doc[c.text_start].idx
        last = doc[c.text_end - 1]
        end = last.idx + len(last.text)
        if text[start:end].endswith(".") and end - start > 1 and "." not in text[start:end - 1].split()[-1][:-1].strip("0123456789,"):
            end -= 1  # `£3m.` at the end of a sentence
        unit = c.percent or c.currency or c.unit
        out.append(Figure(
            text=text[start:end], value=nb.tidy(c.value), unit=unit, approx=c.approx,
            about=_about(doc, c), start=start, end=end, sentence=doc[c.start].sent.text.strip(),
        ))
    return out
