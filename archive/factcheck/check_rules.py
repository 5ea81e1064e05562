"""The checks one article's own numbers get, as a table of named rules.

Each rule takes the article's figures (in text order) and its text, and returns checks. A rule
only speaks where its pattern is unmistakable: "a check that cries wolf costs a fact-checker
time", so shares of different bases, ranges and rounded figures must pass as consistent or stay
silent."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache

from .figure_facts import Fig, data_lines, fmt, sentence_span, word_family, years

Status = str  # consistent | inconsistent | unclear


@dataclass(frozen=True)
class Check:
    kind: str
    rule: str
    status: Status
    figure_ids: tuple[str, ...]
    article_ids: tuple[str, ...]
    explanation: str

    @property
    def id(self) -> str:
        key = "|".join((self.rule, *self.article_ids, *self.figure_ids))
        return hashlib.sha256(key.encode()).hexdigest()[:16]


def _check(kind, rule, status, figs, explanation) -> Check:
    return Check(kind=kind, rule=rule, status=status, figure_ids=tuple(f.id for f in figs),
                 article_ids=tuple(dict.fromkeys(f.article_id for f in figs)), explanation=explanation)


def _sentence_of(fig: Fig, text: str) -> tuple[int, int]:
    return sentence_span(text, fig.start, fig.end, fig.sentence)


def _same_sentence(figs: list[Fig], text: str) -> list[list[Fig]]:
    groups: dict[tuple[int, int], list[Fig]] = {}
    for f in figs:
        groups.setdefault(_sentence_of(f, text), []).append(f)
    return list(groups.values())


# -- shares of one whole ---------------------------------------------------------------------

@lru_cache(maxsize=1)
def complements() -> list[tuple[str, str]]:
    pairs = []
    for line in data_lines("complements.txt"):
        a, b = (part.strip() for part in line.split("|"))
        pairs.append((word_family(a), word_family(b)))
    return pairs


def _sum_check(kind, rule, parts: list[Fig], names: list[str]) -> Check:
    total = sum(f.value for f in parts)
    tol = sum(f.ulp for f in parts) + 1e-9
    terms = " + ".join(f"{n} {f.shown}" for n, f in zip(names, parts))
    if abs(total - 100) <= tol:
        return _check(kind, rule, "consistent", parts, f"{terms} = {fmt(total)} %, which is 100 % as rounded")
    return _check(kind, rule, "inconsistent", parts,
                  f"{terms} = {fmt(total)} %, not 100 % (rounding allows at most ±{fmt(tol)})")


def complement_pair(figs: list[Fig], text: str) -> list[Check]:
    """Two measures that split one whole: 'turnout 43.9 %' and 'abstention 56.13 %' make 100 %.
    A pair whose sentences name different years is two different wholes, and is left alone."""
    out = []
    pct = [f for f in figs if f.percent and not f.approx and not f.fraction]
    for a_key, b_key in complements():
        a_side = _distinct([f for f in pct if f.measure == a_key and _this_year(f)])
        b_side = _distinct([f for f in pct if f.measure == b_key and _this_year(f)])
        if len(a_side) != 1 or len(b_side) != 1:
            continue  # none, or several values of one side: which goes with which is not said
        a, b = a_side[0], b_side[0]
        if years(a.sentence) != years(b.sentence):
            continue
        out.append(_sum_check("shares_sum", "complement_pair", [a, b], [a_key, b_key]))
    return out


def _this_year(f: Fig) -> bool:
    """A figure whose sentence names another year than its article's is about another whole."""
    named = years(f.sentence)
    return not named or bool(f.published and f.published[:4] in named)


def _distinct(figs: list[Fig]) -> list[Fig]:
    """One figure per value (the most precise one), so 43.90 % and 43.9 % count once."""
    best: dict[float, Fig] = {}
    for f in figs:
        key = round(f.value, 6)
        if key not in best or f.ulp < best[key].ulp:
            best[key] = f
    return list(best.values())


@lru_cache(maxsize=1)
def sides() -> dict[str, list[str]]:
    out = {}
    for line in data_lines("sides.txt"):
        name, words = line.split(":", 1)
        out[name.strip()] = [w.strip() for w in words.split(",") if w.strip()]
    return out


def _side(segment: str) -> str | None:
    found = {name for name, words in sides().items()
             if any(re.search(rf"\b{re.escape(w)}\b", segment, re.I) for w in words)}
    return found.pop() if len(found) == 1 else None


BASE = re.compile(r"^\s*(?:percent|per cent|%)?\s*of\s+(?:the\s+|all\s+)?([a-z]+)", re.I)


def _base(text: str, fig: Fig) -> str | None:
    """What a share is a share of, when the words right after it say: '62 percent of drivers'."""
    m = BASE.match(text[fig.end:fig.end + 40])
    return word_family(m.group(1)) if m else None


def two_sides(figs: list[Fig], text: str) -> list[Check]:
    """'96.49 percent of the votes cast were against independence, while only 3.51 percent were
    in favor': shares in one sentence, each followed by its own side of one vote or poll. With the
    undecided among them the sides cover everyone, and the shares make 100 %; for and against
    alone may leave blank ballots out, so a sum under 100 % is only unclear. Shares of different
    bases ('62 percent of drivers ..., against 28 percent of cyclists') are left alone."""
    out = []
    for group in _same_sentence(figs, text):
        pct = [f for f in group if f.percent]
        if len(group) not in (2, 3) or len(pct) != len(group) or any(f.approx or f.fraction for f in pct):
            continue
        _, hi = _sentence_of(pct[0], text)
        ends = [f.start for f in pct[1:]] + [hi]
        named = [_side(text[f.end:end]) for f, end in zip(pct, ends)]
        bases = {_base(text, f) for f in pct} - {None}
        if None in named or len(set(named)) != len(named) or len(bases) > 1:
            continue
        check = _sum_check("shares_sum", "two_sides", pct, named)
        if check.status == "inconsistent" and "undecided" not in named and sum(f.value for f in pct) < 100:
            check = Check(**{**check.__dict__, "status": "unclear",
                             "explanation": check.explanation + "; blank or spoiled ballots may make up the rest"})
        out.append(check)
    return out


# -- a part larger than its whole --------------------------------------------------------------

PART_OF = re.compile(r"^\s*(?:of|out of)\s+(?:the|its|their|all|his|her)?\s*$", re.I)
OF_THE_START = re.compile(r"(?:^|[.;:]\s+|\n)\s*(?:of|out of)\s+(?:the|its|their|all)?\s*$", re.I)
OF_WHOM = re.compile(r"^\s*(?:of whom|of them|of which|of those)\b", re.I)


def _counts(group: list[Fig]) -> list[Fig]:
    return [f for f in group if not f.percent and f.unit not in ("percentage points", "points")]


def _part_whole_pairs(group: list[Fig], text: str, sent_lo: int):
    counts = _counts(group)
    for a, b in zip(counts, counts[1:]):
        between = text[a.end:b.start]
        if PART_OF.match(between):
            yield a, b  # '212 of the 300 delegates'
        elif OF_THE_START.search(text[sent_lo:a.start]) and re.fullmatch(r"[^.;\d]{0,80},\s*", between):
            yield b, a  # 'Of the 120 workers at the plant, 150 ...'
        elif OF_WHOM.match(text[b.end:b.end + 12]) and re.fullmatch(r"[^.;\d]{0,80}", between):
            yield b, a  # '1,200 people were arrested, 1,500 of whom ...'


def part_of_whole(figs: list[Fig], text: str) -> list[Check]:
    """'Of the 120 workers at the Brask plant, 150 were laid off': the part cannot exceed the whole.
    Only counts of the same thing (or a bare number standing for it) are compared."""
    out = []
    for group in _same_sentence(figs, text):
        lo, _ = _sentence_of(group[0], text)
        for part, whole in _part_whole_pairs(group, text, lo):
            if part.unit and whole.unit and word_family(part.unit) != word_family(whole.unit):
                continue
            if part.approx or whole.approx:
                continue
            noun = whole.unit or "of them"
            if part.value > whole.value:
                out.append(_check("part_whole", "part_of_whole", "inconsistent", [part, whole],
                                  f"{fmt(part.value)} is said to be part of {fmt(whole.value)} {noun}, "
                                  "but it is larger than the whole"))
            else:
                out.append(_check("part_whole", "part_of_whole", "consistent", [part, whole],
                                  f"{fmt(part.value)} out of {fmt(whole.value)} {noun}: the part fits in the whole"))
    return out
