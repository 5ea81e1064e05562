"""What the checks know of a figure: its value, how precisely it is written, and what it measures.

"turnout 43.9 % + abstention 56.13 % = 100.03 %, not 100 %": a figure written with two decimals
is exact to half a hundredth, so rounding explains a sum off by at most the parts' half-units added
up, and nothing more. A figure's measure is the words before the first preposition of what it is
about, without noise words, each word named by its family ("participation rate" is "turnout")."""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

from ..sentences import sentence_sql

FRACTION_WORDS = re.compile(r"\b(half|third|thirds|quarter|quarters|fifth|fifths|tenth|tenths)\b", re.I)
PREPOSITIONS = {"in", "of", "for", "at", "on", "by", "from", "to", "among", "with", "during", "since", "after"}


@dataclass(frozen=True)
class Fig:
    id: str
    article_id: str
    text: str
    value: float
    unit: str | None
    approx: str | None
    about: str | None
    start: int
    end: int
    paragraph: int
    sentence: str | None
    outlet: str | None = None
    published: str | None = None
    lead: str | None = None
    """The words of its clause just before it ('Abstentions were' -> 'Abstentions'), when short."""

    @property
    def measure(self) -> str | None:
        return measure(self.lead) if self.lead else measure(self.about)

    @property
    def percent(self) -> bool:
        return self.unit == "percent"

    @property
    def ulp(self) -> float:
        """Half the unit of the last digit written: how far rounding may have moved the value."""
        return half_unit(self.text, self.value)

    @property
    def fraction(self) -> bool:
        """Written as a fraction word (two-thirds, half): a rounded figure, whatever its hedge."""
        return bool(FRACTION_WORDS.search(self.text)) and not re.search(r"\d", self.text)

    @property
    def shown(self) -> str:
        unit = " %" if self.percent else (f" {self.unit}" if self.unit else "")
        return f"{fmt(self.value)}{unit}"


def fmt(x: float) -> str:
    return f"{x:.2f}".rstrip("0").rstrip(".") if abs(x - round(x)) > 1e-9 else str(int(round(x)))


def half_unit(text: str, value: float) -> float:
    m = re.search(r"(\d[\d,]*)(?:\.(\d+))?", text)
    if not m:
        return abs(value) * 0.05  # a number in words: taken as rounded to about 5 %
    written = float(m.group(1).replace(",", "") + ("." + m.group(2) if m.group(2) else ""))
    decimals = len(m.group(2) or "")
    scale = value / written if written else 1.0
    return 0.5 * 10 ** -decimals * abs(scale)


def data_lines(name: str) -> list[str]:
    text = files("newsfacts.archive.factcheck").joinpath(f"data/{name}").read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


@lru_cache(maxsize=1)
def families() -> dict[str, str]:
    out = {}
    for line in data_lines("families.txt"):
        words = line.split()
        out.update({w: words[0] for w in words})
    return out


@lru_cache(maxsize=1)
def measure_stopwords() -> frozenset[str]:
    return frozenset(data_lines("measure_stopwords.txt"))


def word_family(word: str) -> str:
    w = word.casefold()
    fam = families()
    if w in fam:
        return fam[w]
    if w.endswith("s") and w[:-1] in fam:
        return fam[w[:-1]]
    if w.endswith("ing") and len(w) > 6:
        return w[:-3]  # heating oil / heat with oil
    return w[:-1] if w.endswith("s") and len(w) > 3 and not w.endswith("ss") else w


def words_of(text: str | None) -> list[str]:
    return re.findall(r"[a-z]+", (text or "").casefold())


def measure(about: str | None) -> str | None:
    """The measure a figure is about, as a key: 'the turnout in the referendum' -> 'turnout',
    'Unemployment in Osterby' -> 'unemployment osterby' (a place or body named after the
    preposition tells two measures apart)."""
    head, names, past = [], [], False
    for raw in re.findall(r"[A-Za-z]+", about or ""):
        w = raw.casefold()
        if w in PREPOSITIONS:
            past = past or bool(head)
            continue
        if w in measure_stopwords():
            continue
        if not past:
            head.append(word_family(w))
        elif raw[0].isupper():
            names.append(w)
    return " ".join(head + names) or None


@lru_cache(maxsize=1)
def generic_measures() -> frozenset[str]:
    return frozenset(data_lines("generic_measures.txt"))


def mentions(text: str, key: str) -> bool:
    """Does text name a measure: every word of its key that is not a generic one (by family)?"""
    present = {word_family(w) for w in words_of(text)}
    specific = [w for w in key.split() if w not in generic_measures()] or key.split()
    return all(w in present for w in specific)


@lru_cache(maxsize=1)
def linkers() -> frozenset[str]:
    from .change_rules import change_words

    return frozenset(data_lines("linkers.txt")) | frozenset(change_words())


BOUNDARY = re.compile(r"[,;:()“”\"]|\b(?:and|while|whereas|but|that|with|than|as|or|while)\b", re.I)
MAX_LEAD = 6


def lead_in(text: str, sentence_start: int, start: int) -> str | None:
    """The words of the figure's clause before it, without linking words, when at most MAX_LEAD."""
    before = text[sentence_start:start]
    cut = [m.end() for m in BOUNDARY.finditer(before)]
    words = before[cut[-1] if cut else 0:].split()
    while words and words[-1].casefold().strip(".") in linkers():
        words.pop()
    return " ".join(words) if 0 < len(words) <= MAX_LEAD else None


def sentence_span(text: str, start: int, end: int, sentence: str | None) -> tuple[int, int]:
    """Offsets of a claim's sentence in the article text (its paragraph when not found)."""
    if sentence:
        lo = text.rfind(sentence, 0, end + len(sentence))
        if lo != -1 and lo <= start <= lo + len(sentence):
            return lo, lo + len(sentence)
    lo = text.rfind("\n", 0, start) + 1
    hi = text.find("\n", end)
    return lo, (hi if hi != -1 else len(text))


def article_figures(conn: sqlite3.Connection, article_id: str, text: str = "") -> list[Fig]:
    rows = conn.execute(
        "SELECT f.id, f.article_id, f.text, f.value, f.unit, f.approx, f.about, f.start, f.\"end\", f.paragraph, "
        f"{sentence_sql('f')}, a.outlet, a.published FROM figures f JOIN articles a ON a.id = f.article_id "
        "WHERE f.article_id = ? ORDER BY f.start", (article_id,)).fetchall()
    return [Fig(id=r[0], article_id=r[1], text=r[2], value=r[3], unit=r[4], approx=r[5], about=r[6],
                start=r[7], end=r[8], paragraph=r[9], sentence=r[10], outlet=r[11], published=r[12],
                lead=lead_in(text, sentence_span(text, r[7], r[8], r[10])[0], r[7]) if text else None)
            for r in rows]


def years(sentence: str | None) -> set[str]:
    return set(re.findall(r"\b(?:19|20)\d{2}\b", sentence or ""))
