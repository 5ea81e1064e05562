"""Figures: numbers stated as facts (counts, percentages, money, measures, ratios).

The extractor walks the spaCy tokens once. It first reads number *cores* (digits with their
separators and scales, number words, fractions, vague magnitudes, ratio words), drops those
that are not figures (years and dates, times, ordinals, numbers inside names, labels, phone
numbers), then grows each core with its currency, hedge and unit, links the two ends of ranges
so they share a unit, and returns one `Figure` per core. spaCy's entities are used only as hints:
its NER misses and mislabels numbers, so the decisions are made on tokens.
"""

from __future__ import annotations


from newsfacts.schema.article import Article
from newsfacts.schema.claims import Figure

from . import numbers as nb
from . import units as un
from .figure_context import (COMPARATIVES, attach_left, attach_right, describe, elliptic_percent, link_ranges,
                             listed_percent, margin_points, proportions)
from .figure_cores import low_at, read_cores
from .figure_filters import in_date, is_label, is_time, is_year, phone_spans
from .figure_names import in_name

VERSION = "16"


# (name, rule): what looks like a number but is no figure, tried in order; the first that holds
# drops the number (its name goes in the core's notes, so a year range drops its second end)
NOT_FIGURES = [
    ("year", is_year),  # `in 2018`, `until at least 2030`
    ("date", in_date),  # `Dec. 12`
    ("time", is_time),  # `9 a.m.`
    ("name", lambda doc, core: in_name(doc, core) is not None),  # `COVID-19`, `Route 66`, `call 911`
    ("label", is_label),  # `1.` opening a line of a list
]


def _not_a_figure(doc, core, phones: list[tuple[int, int]]) -> bool:
    """Years, dates, times, names, list and rank labels, phone numbers."""
    for name, rule in NOT_FIGURES:
        if rule(doc, core):
            core.notes.append(name)
            return True
    s = doc[core.start].idx
    return any(a <= s < b for a, b in phones)


def _worth_keeping(doc, core) -> bool:
    """Small counts in words (`three referendums`) are optional in the gold and seldom claims;
    they stay when they measure something (`two hours`), are money or a share, or a ratio."""
    if not core.small_words:
        return True
    unit = (core.unit or "").lower()
    ratio = unit == "times" and (low_at(doc, core.text_end) in COMPARATIVES
                                 or doc[core.text_end - 1].head.lower_ in COMPARATIVES)
    if not (core.percent or core.currency or ratio or unit in un.MEASURE_NOUNS):
        return False
    return not (core.value == 1 and not core.approx and unit in ("day", "night", "time"))  # `one day`


def _char_span(doc, text: str, core) -> tuple[int, int]:
    """Offsets of the figure's text; a sentence's full stop glued to `£3m.` is left out."""
    start = doc[core.text_start].idx
    last = doc[core.text_end - 1]
    end = last.idx + len(last.text)
    if core.glued_start is not None and core.text_start == core.start:
        start = core.glued_start
    if core.glued_end is not None and core.text_end == core.end:
        end = core.glued_end
    if text[start:end].endswith(".") and end - start > 1 and "." not in text[start:end - 1].split()[-1][:-1].strip("0123456789,"):
        end -= 1
    return start, end


def find_figures(doc, article: Article) -> list[Figure]:
    """Every figure in the article, in text order."""
    text = article.text
    cores = read_cores(doc)
    phones = phone_spans(text)
    for c in cores:
        c.drop = _not_a_figure(doc, c, phones)
    proportions(doc, cores)
    for c in cores:
        attach_left(doc, c)
        attach_right(doc, c)
    link_ranges(doc, cores)
    margin_points(doc, cores)
    elliptic_percent(doc, cores)
    listed_percent(doc, cores)
    out = []
    for c in cores:
        if c.drop or not _worth_keeping(doc, c):
            continue
        start, end = _char_span(doc, text, c)
        out.append(Figure(
            text=text[start:end], value=nb.tidy(c.value), unit=c.percent or c.currency or c.unit,
            approx=c.approx, about=describe(doc, c), start=start, end=end,
            sentence=doc[c.start].sent.text.strip(), rule=c.rule,
        ))
    return out
