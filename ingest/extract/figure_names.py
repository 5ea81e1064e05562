"""Numbers that are part of a name or an identifier, not figures: `COVID-19`, `Boeing 737`,
`S&P 500`, `Group of 20`, `Article 50`, `Route 66`, `10 Downing Street`, `call 911`.

`NAME_RULES` is an ordered table of named rules, each a small function of the number and the
tokens around it; `in_name` gives the name of the first that holds (or None).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import numbers as nb
from . import units as un
from . import wordlists as wl
from .figure_cores import Core, low_at

MONTHS = wl.words("numbers/months")
WEEKDAYS = wl.words("numbers/weekdays")
LABEL_NOUNS = wl.words("numbers/label_nouns")
STREET_WORDS = wl.words("numbers/street_words")
DIAL_VERBS = wl.words("numbers/dial_verbs")
EMERGENCY_NUMBERS = wl.words("numbers/emergency_numbers")
SERVICE_NOUNS = wl.words("numbers/emergency_service_nouns")
INDEX_NAMES = wl.words("numbers/index_names")
_HYPHEN_OK = {"mid", "top", "under", "over", "about", "around", "up", "per", "to", "and", "or", "in", "of",
              "by", "from", "than"}
"""Words glued to a number by a hyphen that leave it a number (`mid-40`, `under-21`)."""
_NAME_ENTS = ("ORG", "PRODUCT", "WORK_OF_ART", "EVENT", "LAW", "FAC")


def entity_at(doc, i: int):
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


def is_month(tok) -> bool:
    return tok.lower_.rstrip(".") in MONTHS and (tok.text[:1].isupper())


@dataclass(frozen=True)
class Around:
    """The tokens around a number that the name rules look at."""

    prev: object | None
    nxt: object | None
    counts_head: bool  # the number modifies a plural noun a few words on (`737 jets`)
    counts_next: bool  # a plural noun, a percent word or a unit right after it
    followed_by_noun: bool  # a noun, a unit, a currency or a scale right after it


def _around(doc, core: Core) -> Around:
    i = core.start
    prev = doc[i - 1] if i else None
    nxt = doc[core.end] if core.end < len(doc) else None
    head = doc[core.end - 1].head
    followed = nxt is not None and (nxt.pos_ in ("NOUN",) or nxt.lower_ in un.PERCENT_WORDS
                                    or un.measure_word(nxt.text)
                                    or (nxt.text == "-" and not low_at(doc, core.end + 1)[:1].isdigit())
                                    or (nxt.lower_ == "per" and low_at(doc, core.end + 1) == "cent")
                                    or un.currency_word(nxt.text) is not None
                                    or nb.scale_of(nxt.text) is not None)
    return Around(
        prev=prev, nxt=nxt,
        counts_head=head.i > core.end - 1 and head.tag_ in ("NNS", "NNPS") and head.i - core.end < 4,
        counts_next=nxt is not None and (nxt.tag_ == "NNS" or nxt.lower_ in un.PERCENT_WORDS
                                         or un.measure_word(nxt.text) or nxt.text == "-"),
        followed_by_noun=followed,
    )


def _camel_case(doc, core, a: Around) -> bool:
    """`iPhone 11`, `PlayStation 5`."""
    p = a.prev
    return p is not None and p.is_alpha and any(ch.isupper() for ch in p.text[1:]) and not p.text.isupper()


def _hyphen_code(doc, core, a: Around) -> bool:
    """`COVID-19`, `F-16`: glued to a word by a hyphen."""
    i, p = core.start, a.prev
    return (p is not None and p.text in ("-", "‑") and p.whitespace_ == "" and i > 1
            and doc[i - 2].whitespace_ == "" and doc[i - 2].is_alpha and not nb.is_number_word(doc[i - 2].text)
            and doc[i - 2].lower_ not in _HYPHEN_OK)


def _glued_letters(doc, core, a: Around) -> bool:
    """`G20` split by the tokenizer, or a code glued after letters."""
    p = a.prev
    return p is not None and p.whitespace_ == "" and p.is_alpha and p.lower_ not in un.CURRENCY_SYMBOLS


def _project_name(doc, core, a: Around) -> bool:
    """`the Planet 9 project` (not `leads Jones 52 percent to 48`)."""
    p, n = a.prev, a.nxt
    return (p is not None and p.pos_ in ("PROPN", "NOUN") and p.text[:1].isupper()
            and n is not None and n.tag_ == "NN" and core.value != 1 and not un.measure_word(n.text)
            and n.lower_ not in un.MEASURE_NOUNS and n.lower_ not in un.PERCENT_WORDS and not is_month(p))


def _mission_name(doc, core, a: Around) -> bool:
    """`Apollo 11 landed`, `the Pixel 6 costs`: a model's or mission's name before its verb."""
    p, n = a.prev, a.nxt
    return (p is not None and p.pos_ == "PROPN" and p.text[:1].isupper() and p.is_alpha
            and n is not None and n.tag_ in ("VBZ", "VBD", "VBP", "MD") and not is_month(p)
            and p.ent_type_ not in ("GPE", "LOC", "NORP", "PERSON") and p.lower_ not in WEEKDAYS)


def _number_sign(doc, core, a: Around) -> bool:
    """`No. 2`, `#1`, `Number 10`; also `No. 2` split by the tokenizer."""
    p, i = a.prev, core.start
    if p is not None and p.text in ("No", "No.", "no.", "#", "Nos", "Nos.", "Number"):
        return True
    return (p is not None and p.text == "." and i > 1 and doc[i - 2].text in ("No", "no", "Nos")
            and doc[i - 2].whitespace_ == "")


def _title(doc, core, a: Around) -> bool:
    """A title mid-sentence: `The 411`."""
    p = a.prev
    return p is not None and p.text == "The" and p.i != p.sent.start and not a.counts_head


def _label_noun(doc, core, a: Around) -> bool:
    """`Model 3 sedans`, `Article 50 talks`, `Route 66`, `Precinct 9`; `page 5` (not `no 5 people`)."""
    p = a.prev
    if p is None or p.lower_.rstrip(".") not in LABEL_NOUNS:
        return False
    if p.text[:1].isupper() and (p.i != p.sent.start or not p.lower_.endswith("s")) and not core.scaled:
        return True  # `Article 33 affirms` opening a sentence
    return not a.counts_next and not (p.lower_ in ("no", "number") and p.text[:1].islower())


def _capital_code(doc, core, a: Around) -> bool:
    """A code after capitals: `S&P 500`, `FTSE 100`, `P 500`, `G 7`."""
    p = a.prev
    return (p is not None and p.is_alpha and p.text.isupper() and len(p.text) <= 4
            and not un.currency_code(p.text) and p.i != p.sent.start and not core.scaled)


def _model_after(doc, core, a: Around) -> bool:
    """A model name after it: `iPhone 11 Pro`, `787 Dreamliner`."""
    n = a.nxt
    return (n is not None and n.pos_ == "PROPN" and n.text[:1].isupper() and not n.text.endswith("s")
            and not a.counts_head and n.ent_type_ not in ("NORP", "GPE") and not un.measure_word(n.text)
            and not core.scaled and not un.currency_word(n.text) and not un.currency_code(n.text)
            and not is_month(n) and n.lower_ not in LABEL_NOUNS)  # `3100 Model S cars`: a count of them


def _index_name(doc, core, a: Around) -> bool:
    """A stock index named with its number, whatever its case: `the sp 500 lost 1.2%`,
    `nasdaq 100 futures`, `41 Fortune 500 companies` (not `made a fortune 20 years ago`)."""
    p = a.prev
    if p is None or p.lower_ not in INDEX_NAMES:
        return False
    return not a.counts_next or (p.text[:1].isupper() and p.pos_ == "PROPN")


def _rating_after_name(doc, core, a: Around) -> bool:
    """A mark after a name opening a paragraph, as in player ratings: `Rui Costa: 7 Ran the
    midfield.` (not `Revenue: 4 million`, `Costa: 7 goals`)."""
    p, n = a.prev, a.nxt
    if p is None or p.text != ":" or core.end - core.start != 1 or a.followed_by_noun:
        return False
    k = p.i - 1
    while k >= 0 and doc[k].pos_ == "PROPN":
        k -= 1
    opens = k < 0 or "\n" in doc[k].text_with_ws or doc[k].is_space
    return k < p.i - 1 and opens and (n is None or n.is_space or n.text[:1].isupper())


def _zip_code(doc, core, a: Around) -> bool:
    """A US zip code: `New York, NY 10032`."""
    i, p = core.start, a.prev
    return bool(re.fullmatch(r"\d{5}", doc[i].text)) and p is not None and (
        (p.text.isupper() and len(p.text) == 2)
        or (p.text == "," and i > 1 and doc[i - 2].text.isupper() and len(doc[i - 2].text) == 2))


def _list_marker(doc, core, a: Around) -> bool:
    """A list marker opening a paragraph or an item: `1) The race`, `(2) costs`."""
    p, n = a.prev, a.nxt
    return (n is not None and n.text == ")" and doc[core.start].whitespace_ == ""
            and (p is None or p.text == "(" or "\n" in p.text_with_ws or p.is_space or p.is_sent_end))


def _street_number(doc, core, a: Around) -> bool:
    """`10 Downing Street`."""
    if a.nxt is None or a.nxt.pos_ != "PROPN":
        return False
    k = core.end
    while k < len(doc) and doc[k].pos_ == "PROPN" and k - core.end < 4:
        if doc[k].lower_ in STREET_WORDS:
            return True
        k += 1
    return False


def _age_after_person(prev, core: Core) -> bool:
    """`Nick Hague 44 has spent`: an age after a person's name (commas lost), not a model number."""
    nxt = prev.doc[core.end] if core.end < len(prev.doc) else None
    return (prev.ent_type_ == "PERSON" and core.value == int(core.value) and 1 <= core.value <= 110
            and nxt is not None and nxt.pos_ in ("VERB", "AUX"))


def _after_proper_name(doc, core, a: Around) -> bool:
    """After a capitalised name word, counting nothing: `Boeing 737`, `Windows 10`, `Nasdaq 100`."""
    p = a.prev
    return (p is not None and p.pos_ == "PROPN" and not is_month(p) and any(ch.isupper() for ch in p.text)
            and not a.followed_by_noun and p.i != p.sent.start and p.ent_type_ not in ("GPE", "NORP")
            and not un.currency_code(p.text) and p.lower_ not in un.CURRENCY_SYMBOLS
            and not _age_after_person(p, core))


def _group_of(doc, core, a: Around) -> bool:
    """`Group of 20`."""
    i, p = core.start, a.prev
    return (p is not None and p.lower_ == "of" and i > 1 and doc[i - 2].pos_ == "PROPN"
            and doc[i - 2].text[:1].isupper() and doc[i].ent_type_ in _NAME_ENTS and not a.followed_by_noun)


def _inside_named_entity(doc, core, a: Around) -> bool:
    """A number inside an organisation's, law's or work's name that capitals open."""
    i = core.start
    if doc[i].ent_type_ not in _NAME_ENTS or a.followed_by_noun:
        return False
    ent = entity_at(doc, i)
    return ent is not None and ent.start < i and any(t.is_alpha and t.text[:1].isupper() for t in doc[ent.start:i])


def _dialled(doc, core, a: Around) -> bool:
    """A number to call: `call 911`, `dial 999 or 112`, `a 911 call`, `the 999 operator`."""
    text = doc[core.start].text
    if core.end - core.start != 1 or not re.fullmatch(r"\d{2,4}", text):
        return False
    if text in EMERGENCY_NUMBERS and a.nxt is not None and a.nxt.lower_ in SERVICE_NOUNS:
        return True
    if a.counts_next:
        return False  # `called 40 people`
    k = core.start - 1
    while k >= 1 and doc[k].lower_ in ("or", ",", "and") and re.fullmatch(r"\d{2,4}", doc[k - 1].text):
        k -= 2  # `call 911 or 999`: the second is dialled as the first
    return k >= 0 and doc[k].lemma_.lower() in DIAL_VERBS and doc[k].pos_ in ("VERB", "AUX")


# (name, rule): tried in order, the first that holds names the number a part of a name
NAME_RULES = [
    ("camel_case", _camel_case),
    ("hyphen_code", _hyphen_code),
    ("glued_letters", _glued_letters),
    ("project_name", _project_name),
    ("mission_name", _mission_name),
    ("number_sign", _number_sign),
    ("title", _title),
    ("label_noun", _label_noun),
    ("capital_code", _capital_code),
    ("model_after", _model_after),
    ("index_name", _index_name),
    ("rating_after_name", _rating_after_name),
    ("zip_code", _zip_code),
    ("list_marker", _list_marker),
    ("street_number", _street_number),
    ("after_proper_name", _after_proper_name),
    ("group_of", _group_of),
    ("inside_named_entity", _inside_named_entity),
    ("dialled", _dialled),
]


def in_name(doc, core: Core) -> str | None:
    """The name of the rule that finds the number part of a name or identifier, else None."""
    if core.kind != "digits" or core.percent or core.currency or core.unit or core.scaled:
        return None  # 3 million is never a name
    prev = doc[core.start - 1] if core.start else None
    if prev is not None and (un.currency_symbol(prev.text) or un.currency_code(prev.text)):
        return None
    a = _around(doc, core)
    return next((name for name, rule in NAME_RULES if rule(doc, core, a)), None)
