"""A speaker's name, read the way the archive compares names across articles.

The extractor gives each article's speakers a canonical name; across articles the same source is
written `Donald J. Trump`, `Donald Trump`, `Mr. Trump`, `Trump’s`, and an organisation
`California Independent System Operator` or `California ISO`. `person_name()` and `org_forms()`
turn a name into the parts and keys that identity (`identity.py`) compares; `junk_reason()` says
when a name is no source at all (`it`, `Q`, `14 percent`, `2016">.@BernieSanders`, `RENO, Nev. (`).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib.resources import files


@cache
def words(name: str) -> frozenset[str]:
    """A word list from archive/words/NAME.txt (one entry a line, `#` comments)."""
    text = files("newsfacts.archive").joinpath("words", f"{name}.txt").read_text(encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


class _Marks(dict):
    """str.translate's table for dropping combining marks: each character's entry is worked out
    the first time it is met (None drops it), so a whole article's text is folded in C."""

    def __missing__(self, code: int):
        self[code] = None if unicodedata.combining(chr(code)) else code
        return self[code]


_MARKS = _Marks()


def fold(text: str) -> str:
    """Lower case without accents, curly quotes made straight."""
    text = unicodedata.normalize("NFKD", text.replace("’", "'").replace("‘", "'"))
    return (text if text.isascii() else text.translate(_MARKS)).lower()


_GAPS = re.compile(r"[\s,]+")
_POSSESSIVE = re.compile(r"'s$|'$")


@lru_cache(maxsize=1 << 16)
def _word(raw: str) -> str:
    return _POSSESSIVE.sub("", raw).strip(".\"'()[]:;").replace(".", "")


def tokens(name: str) -> list[str]:
    """Words of a name, folded, full stops dropped, possessive endings cut (`Trump’s` is Trump).
    (A whole article's text goes through here too: each distinct word is cleaned once.)"""
    return [w for w in map(_word, _GAPS.split(fold(name))) if w]


def _strip_titles(toks: list[str]) -> list[str]:
    titles = words("name_titles")
    while len(toks) > 1 and toks[0] in titles:
        toks = toks[1:]
    return toks


@dataclass(frozen=True)
class PersonName:
    """`Donald J. Trump` -> first `donald`, middles (`j`,), surname `trump`, no suffix."""

    first: str | None
    middles: tuple[str, ...]
    surname: str
    suffix: str | None

    @property
    def key(self) -> str:
        """The whole name without titles: two names with the same key are one name."""
        parts = [self.first, *self.middles, self.surname, self.suffix]
        return " ".join(p for p in parts if p)

    @property
    def initial(self) -> bool:
        return self.first is not None and len(self.first) == 1


@lru_cache(maxsize=1 << 14)
def person_name(name: str) -> PersonName | None:
    """The parts of a person's name; None when nothing name-like is left. (Cached: a frozen
    value of the name alone, asked for every source of every copy of an article.)"""
    toks = _strip_titles(tokens(name))
    suffix = None
    if len(toks) > 1 and toks[-1] in words("name_suffixes"):
        suffix, toks = toks[-1], toks[:-1]
    if not toks:
        return None
    if len(toks) == 1:
        return PersonName(None, (), toks[0], suffix)
    # `Donald J. Trump`, `H.W.` as one token `hw`
    return PersonName(toks[0], tuple(toks[1:-1]), toks[-1], suffix)


@cache
def nicknames() -> frozenset[tuple[str, str]]:
    pairs = set()
    for line in words("nicknames"):
        short, full = line.split()
        pairs |= {(short, full), (full, short)}
    return frozenset(pairs)


def _fits(a: str, b: str) -> bool:
    """One given name fits another: equal, one is the other's initial (`J.` for `James`), or its
    short form (`Joe` for `Joseph`)."""
    return a == b or (len(a) == 1 and b.startswith(a)) or (len(b) == 1 and a.startswith(b)) or (a, b) in nicknames()


def compatible(a: PersonName, b: PersonName) -> bool:
    """Could the two names denote one person? Same surname and suffix (`Jr.` tells a son from
    his father), given names that fit, and middle names that do not contradict each other
    (`George W. Bush` is not `George H. W. Bush`)."""
    if a.surname != b.surname or a.suffix != b.suffix:
        return False
    if a.first and b.first and not _fits(a.first, b.first):
        return False
    if a.middles and b.middles:
        ma, mb = "".join(m[0] for m in a.middles), "".join(m[0] for m in b.middles)
        joined_a, joined_b = "".join(a.middles), "".join(b.middles)
        if not (ma == mb or joined_a == mb or joined_b == ma):
            return False
    return True


def unsuffixed(a: PersonName) -> PersonName:
    return PersonName(a.first, a.middles, a.surname, None)


def compound_of(a: PersonName, b: PersonName) -> bool:
    """Is `a` (`Wasserman Schultz`, read as given name and surname) the compound surname of `b`
    (`Debbie Wasserman Schultz`)?"""
    return bool(a.first and not a.middles and b.first and b.middles and b.middles[-1] == a.first
                and a.surname == b.surname and a.suffix == b.suffix)


def same_given(a: PersonName, b: PersonName) -> bool:
    """Both give the same first name in full (not only an initial or a short form of it)."""
    return bool(a.first and b.first and not a.initial and a.first == b.first)


def short_given(a: PersonName, b: PersonName) -> bool:
    """One gives the other's first name in a short form (`Bob` and `Robert`)."""
    return bool(a.first and b.first and (a.first, b.first) in nicknames())


def clean_person(name: str) -> str:
    """A person's name without what the extractor left around it: an owner (`Media Research
    Center’s Bozell`), a dash lead-in (`Weak - Rubio`), and the titles and role words up to the
    last one before the name (`Clinton Senior Adviser Sidney Blumenthal`, `Rival Hillary Clinton`)."""
    ws = re.split(r"\s+-\s+|\s+", name.strip().lstrip("-–— "))
    owners = [i for i, w in enumerate(ws[:-1]) if re.search(r"['’]s?$", w) and not w.endswith(".")]
    if owners:
        ws = ws[owners[-1] + 1:]
    titles = words("name_titles")
    keep = len(ws) - 1
    cut = max((i for i, w in enumerate(ws[:keep]) if w.lower().rstrip(".") in titles), default=-1)
    return " ".join(ws[cut + 1:]) or name


def org_key(name: str) -> str:
    """An organisation's name without `the` and possessive endings: `the FBI’s` is `fbi`."""
    toks = tokens(name)
    while toks and toks[0] in ("the", "a", "an"):
        toks = toks[1:]
    return " ".join(toks)


def org_forms(name: str) -> set[str]:
    """Keys an organisation's name is also written as: its whole name, and the name with any run
    of two or more of its words replaced by their initials (`California Independent System
    Operator` gives `california iso` and `cariso`..., and `Federal Bureau of Investigation`
    gives `fbi`)."""
    toks = org_key(name).split()
    forms = {" ".join(toks)} if toks else set()
    stop = words("org_stopwords")
    if len(toks) > 10:
        return forms
    for i in range(len(toks)):
        for j in range(i + 2, len(toks) + 1):
            run = toks[i:j]
            if run[0] in stop or run[-1] in stop:
                continue
            initials = "".join(w[0] for w in run if w not in stop)
            if len(initials) < 2:
                continue
            forms.add(" ".join([*toks[:i], initials, *toks[j:]]))
    return forms


# -- names that are no source ---------------------------------------------------------------

def _pronoun(name: str) -> bool:
    """`it` (33 quotes, from "Wait, it gets better:"), `I`, `you`."""
    return fold(name).strip(" .") in words("junk_pronouns")


def _question_marker(name: str) -> bool:
    """`Q` and `A` of an interview transcript, or any single letter."""
    return len(re.sub(r"[\W_]", "", name)) <= 1


def _number(name: str) -> bool:
    """`14 percent`, `18%`, `About four in 10 ... voters`: a poll's share, not a source."""
    low = fold(name)
    return bool(re.match(r"^\W*\d", low) or re.search(r"\d\s*(%|percent\b|per cent\b|in 10\b|in ten\b|out of\b)", low)
                or re.search(r"\b(one|two|three|four|five|six|seven|eight|nine) in (10|ten)\b", low))


def _markup(name: str) -> bool:
    """`2016">.@BernieSanders`, `datetime="2016`: pieces of a page's markup or a handle."""
    return bool(re.search(r"[<>=@#{}\[\]\\|\"“”]|https?:|www\.|\.com\b", name))


def _dateline(name: str) -> bool:
    """`RENO, Nev. (`: a dateline read as a name."""
    return "(" in name or ")" in name or bool(re.match(r"^[A-Z][A-Z .'-]{2,},", name))


def _generic(name: str) -> bool:
    """A bare `Department`: a head noun that could be any of many bodies."""
    return org_key(name) in words("generic_heads")


def _case_or_title(name: str) -> bool:
    """`Trump v. Trump` (a case or a book), `De Blasio: Trust Bratton` (a headline), `pro-Clinton`."""
    return bool(re.search(r"\s(v|vs)\.?\s|:", name) or re.match(r"(?i)(pro|anti)-", name))


def description_reason(name: str) -> str | None:
    """Why a person's (or an unknown kind's) name is a phrase, not a name: `New York businessman`,
    `Trump told Business Insider`, `Lazar, Song` (a lower-case word other than a name's particle,
    or two names)."""
    if "," in name:
        return "two_names"
    particles = words("name_particles")
    if any(w[:1].islower() and len(w) > 1 and w not in particles for w in name.split()[1:]):
        return "phrase"
    return None


JUNK_RULES = (
    ("pronoun", _pronoun),
    ("question_marker", _question_marker),
    ("number", _number),
    ("markup", _markup),
    ("dateline", _dateline),
    ("generic_head", _generic),
    ("case_or_title", _case_or_title),
)
"""Named rules, tried in order: the first that holds says why a name is no source."""


def junk_reason(name: str | None) -> str | None:
    """Why this name is no source's name, or None when it may be one."""
    if not name or not name.strip():
        return "empty"
    for rule, holds in JUNK_RULES:
        if holds(name):
            return rule
    return None
