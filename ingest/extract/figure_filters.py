"""What looks like a number but is no figure: years and dates, times of day, numbers inside
names and labels (`COVID-19`, `Article 50`, `iPhone 11`), street and zip codes, phone numbers,
list markers and match scores."""

from __future__ import annotations

import re

from . import numbers as nb
from . import units as un
from . import wordlists as wl
from .figure_cores import Core, low_at

MONTHS = wl.words("numbers/months")
WEEKDAYS = wl.words("numbers/weekdays")
TIME_MARKERS = wl.words("numbers/time_markers")
"""Words after a number that make it a time of day (`9 a.m.`); `hours` only after `0900`."""

WEEKDAY_NAMES = WEEKDAYS
LABEL_NOUNS = wl.words("numbers/label_nouns")
"""Nouns a number can name rather than count (`page 5`, `Article 50`, `Game 7`)."""

STREET_WORDS = wl.words("numbers/street_words")

YEAR_NOUNS = wl.words("numbers/year_nouns")
"""Plural nouns a year commonly modifies (`2018 sales`), so the number before them is no count."""

_PHONE = re.compile(
    r"(?<![\w.,])(?:\+\d{1,3}[ .-]?\(?\d{1,5}\)?(?:[ .-]?\d{2,4}){2,4}"  # +44 20 7946 0958
    r"|\(\d{2,5}\)[ .-]?\d{3,4}[ .-]?\d{3,4}"                     # (212) 555-0134
    r"|\d{3}[.-]\d{3}[.-]\d{4}|\d{3}-\d{4})(?![\w-])")           # 212-555-0134, 555-0134


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


def is_year(doc, core: Core) -> bool:
    """A four-digit number read as a calendar year (`in 2018`, `2018-19`, `the 2010 final`)."""
    tok = doc[core.start]
    if core.kind != "digits" or core.end - core.start != 1 or core.percent or core.scaled or core.unit:
        return False
    if not re.fullmatch(r"\d{4}", tok.text) or not 1000 <= core.value <= 2100:
        return False
    prev = doc[core.start - 1] if core.start else None
    if prev is not None and prev.lower_ == "than" and low_at(doc, core.start - 2) == "rather":
        return True  # in 2020 rather than 2018
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


def in_date(doc, core: Core) -> bool:
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


def is_time(doc, core: Core) -> bool:
    if core.kind not in ("digits", "words") or core.percent:
        return False
    nxt = low_at(doc, core.end)
    if nxt in TIME_MARKERS - {"hours", "hrs"}:
        return True
    if nxt in ("hours", "hrs") and re.fullmatch(r"[012]\d{3}", doc[core.start].text):
        return True
    if re.fullmatch(r"\d{1,2}\.\d{2}", doc[core.start].text) and nxt in ("a.m.", "p.m.", "am", "pm"):
        return True
    if nxt == ":" and re.fullmatch(r"\d{1,2}", doc[core.start].text) \
            and re.fullmatch(r"\d{2}", low_at(doc, core.end + 1)) and low_at(doc, core.end + 2) in TIME_MARKERS:
        return True  # `11: 06 a.m.`: a clock time split by a stray space
    return False


def in_name(doc, core: Core) -> bool:  # noqa: C901 (to split)
    """`COVID-19`, `G-20`, `Boeing 737`, `S&P 500`, `Group of 20`, `Article 50`, `page 5`."""
    i = core.start
    if core.kind != "digits" or core.percent or core.currency or core.unit or core.scaled:
        return False  # 3 million is never a name
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
                                            or un.measure_word(nxt.text)
                                            or (nxt.text == "-" and not low_at(doc, core.end + 1)[:1].isdigit())
                                            or (nxt.lower_ == "per" and low_at(doc, core.end + 1) == "cent")
                                            or un.currency_word(nxt.text) is not None
                                            or nb.scale_of(nxt.text) is not None)
    if prev is not None and prev.pos_ in ("PROPN", "NOUN") and prev.text[:1].isupper() \
            and nxt is not None and nxt.tag_ == "NN" and core.value != 1 and not un.measure_word(nxt.text) \
            and nxt.lower_ not in un.MEASURE_NOUNS and nxt.lower_ not in un.PERCENT_WORDS \
            and not _is_month(prev):
        return True  # Planet 9 project (not `leads Jones 52 percent to 48`)
    if prev is not None and prev.pos_ == "PROPN" and prev.text[:1].isupper() and prev.is_alpha \
            and nxt is not None and nxt.tag_ in ("VBZ", "VBD", "VBP", "MD") and not _is_month(prev) \
            and prev.ent_type_ not in ("GPE", "LOC", "NORP", "PERSON") and prev.lower_ not in WEEKDAY_NAMES:
        return True  # `Apollo 11 landed`, `the Pixel 6 costs`: a model's or mission's name
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
            and (prev.i != prev.sent.start or not prev.lower_.endswith("s")) and not core.scaled:
        return True  # Model 3 sedans, Article 50 talks; `Article 33 affirms` opening a sentence
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
            and not un.currency_code(prev.text) and prev.lower_ not in un.CURRENCY_SYMBOLS \
            and not _age_after_person(prev, core):
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


_NUMERIC_DATE = re.compile(
    r"(?<![\w.,/-])(?:\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[/.]\d{1,2}[/.](?:\d{4}|\d{2}))(?![\w/-])")
"""Dates in digits: 2021-12-13, 12/13/2021, 13.12.21."""


def _age_after_person(prev, core: Core) -> bool:
    """`Nick Hague 44 has spent`: an age after a person's name (commas lost), not a model number."""
    nxt = prev.doc[core.end] if core.end < len(prev.doc) else None
    return (prev.ent_type_ == "PERSON" and core.value == int(core.value) and 1 <= core.value <= 110
            and nxt is not None and nxt.pos_ in ("VERB", "AUX"))


def is_label(doc, core: Core) -> bool:
    """A bare number that numbers an item: `1.` opening a line of a list, `(4.)` after a name
    in a ranking. Counts carry a noun or sit inside a sentence, not before its full stop."""
    if core.kind != "digits" or core.currency or core.percent or core.scaled or core.value != int(core.value):
        return False
    i, j = core.start, core.end
    after = low_at(doc, j)
    if after != ".":
        return False
    if low_at(doc, j + 1) == ")":
        return True  # Ted Cruz (4.)
    line_start = i == 0 or "\n" in doc[i - 1].text or "\n" in doc[i - 1].whitespace_
    return line_start and j + 1 < len(doc) and doc[j + 1].is_alpha and doc[j + 1].text[:1].isupper()


def phone_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of phone numbers and dates written in digits: no figure starts inside."""
    return [m.span() for m in _PHONE.finditer(text)] + [m.span() for m in _NUMERIC_DATE.finditer(text)]


SCORE_CUES = wl.words("numbers/score_cues")


def is_score(doc, a: Core, b: Core, gap: list[str]) -> bool:
    """`ended 2-2`, `a 3-1 win`, `Liverpool 2-1 Chelsea`: a match score, not a range."""
    if gap not in (["-"], ["–"]) or a.kind != "digits" or b.kind != "digits":
        return False
    if a.percent or a.currency or b.percent or b.currency:
        return False
    if (a.unit or b.unit) and un.measure_word(a.unit or b.unit or ""):
        return False
    if a.value != int(a.value) or b.value != int(b.value) or max(a.value, b.value) > 200:
        return False
    if 0 < a.start and b.end < len(doc) and doc[a.start - 1].pos_ == "PROPN" and doc[b.end].pos_ == "PROPN" \
            and doc[b.end].text[:1].isupper():
        return True  # Liverpool 2-1 Chelsea
    window = doc[max(0, a.start - 4):min(len(doc), b.end + 4)]
    return any(t.lower_ in SCORE_CUES for t in window)
