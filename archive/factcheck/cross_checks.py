"""The same measure reported by several articles, checked across them.

"across articles: the same measure reported with different values by different articles (shown
with both values, outlets and dates)". A figure group (claim_groups.py) holds the figures of one
measure, unit and period; the check compares each article's value (an article giving two values
leaves which one counts unsaid, and is left out) with rounding and hedges allowed for."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from functools import lru_cache

from ..sentences import sentence_sql
from .check_rules import Check
from .checks import write
from .figure_facts import Fig, data_lines

SHARE_UNITS = ("percent", "points", "percentage points")
SHARE_DAYS = 7


def _agree(a: Fig, b: Fig) -> bool:
    """Equal as far as rounding and hedges allow."""
    from .summary_rules import hedge_of

    slack = a.ulp + b.ulp
    for f in (a, b):
        h = hedge_of(f)
        if h is not None:
            low, high = h[1]
            slack = max(slack, f.value * max(1 - low, min(high, 2) - 1))
    return abs(a.value - b.value) <= slack + 1e-9


def _one_value_per_article(figs: list[Fig]) -> dict[str, Fig] | None:
    """An article giving the measure two different values leaves which one counts unsaid."""
    per: dict[str, Fig] = {}
    for f in figs:
        seen = per.get(f.article_id)
        if seen is not None and not _agree(seen, f):
            per[f.article_id] = None  # type: ignore[assignment]
        elif seen is None and f.article_id not in per:
            per[f.article_id] = f
    return {k: v for k, v in per.items() if v is not None}


def _where(f: Fig) -> str:
    return ", ".join(x for x in (f.outlet or f.article_id, f.published) if x)


def comparable(a: Fig, b: Fig) -> bool:
    """Do two reports surely speak of the measure at one moment? Published the same day; or, for
    a share (a turnout, a rate), within a week. A count reported on different days may simply
    have been updated ("at least 50 dead", then "72 dead")."""
    if not a.published or not b.published:
        return False
    if a.published == b.published:
        return True
    days = abs((date.fromisoformat(a.published[:10]) - date.fromisoformat(b.published[:10])).days)
    return a.unit in SHARE_UNITS and days <= SHARE_DAYS


@lru_cache(maxsize=1)
def cross_measures() -> frozenset[str]:
    return frozenset(data_lines("cross_measures.txt"))


@lru_cache(maxsize=1)
def headline_stopwords() -> frozenset[str]:
    return frozenset(data_lines("headline_stopwords.txt"))


def story_words(headline: str | None) -> set[str]:
    return {w for w in re.findall(r"[a-z]{3,}", (headline or "").casefold()) if w not in headline_stopwords()}


def same_story(a: Fig, b: Fig, headlines: dict[str, str]) -> bool:
    """Two articles are one story when their headlines share two words ('Osterby votes to keep
    its harbour public', 'Harbour stays public after Osterby referendum')."""
    return len(story_words(headlines.get(a.article_id)) & story_words(headlines.get(b.article_id))) >= 2


def same_measure(group_words: str, figs: list[Fig], headlines: dict[str, str] | None = None) -> Check | None:
    """The same measure (what it is about, unit, period) reported by several articles: different
    values are inconsistent when the reports are comparable, else unclear."""
    if not group_words or group_words.split()[0] not in cross_measures():
        return None
    per = _one_value_per_article(figs)
    if headlines is not None and per:
        first = min(per.values(), key=lambda f: (f.published or "", f.article_id))
        per = {k: f for k, f in per.items() if f is first or same_story(first, f, headlines)}
    if len(per) < 2:
        return None
    ordered = sorted(per.values(), key=lambda f: (f.published or "", f.article_id))
    first = ordered[0]
    differ = [f for f in ordered[1:] if not _agree(first, f)]
    if differ and not any(comparable(first, f) for f in differ):
        listing = "; ".join(f"{f.shown} ({_where(f)})" for f in ordered)
        return Check(kind="same_measure", rule="same_measure", status="unclear",
                     figure_ids=tuple(f.id for f in ordered), article_ids=tuple(f.article_id for f in ordered),
                     explanation=f"{group_words}: articles report different values, on different days "
                                 f"(it may have been updated): {listing}")
    base = Check(kind="same_measure", rule="same_measure", status="consistent",
                 figure_ids=tuple(f.id for f in ordered), article_ids=tuple(f.article_id for f in ordered),
                 explanation="")
    listing = "; ".join(f"{f.shown} ({_where(f)})" for f in ordered)
    if differ:
        return Check(**{**base.__dict__, "status": "inconsistent",
                        "explanation": f"{group_words}: articles report different values: {listing}"})
    return Check(**{**base.__dict__, "explanation": f"{group_words}: {len(ordered)} articles agree: {listing}"})


GROUP_FIGURES = (
    "SELECT f.id, f.article_id, f.text, f.value, f.unit, f.approx, f.about, f.start, f.\"end\", f.paragraph, "
    f"{sentence_sql('f')}, a.outlet, a.published, a.headline FROM claim_group_members m "
    "JOIN figures f ON f.id = m.claim_id "
    "JOIN articles a ON a.id = f.article_id WHERE m.group_id = ? ORDER BY f.article_id, f.start")
"""A group's figures in one indexed read (members by group), in the order the check reads them."""


def recheck_figure_group(conn: sqlite3.Connection, group_id: str) -> None:
    conn.execute("DELETE FROM checks WHERE group_id = ?", (group_id,))
    group = conn.execute("SELECT words FROM claim_groups WHERE id = ?", (group_id,)).fetchone()
    if group is None:
        return
    rows = conn.execute(GROUP_FIGURES, (group_id,)).fetchall()
    figs = [Fig(id=r[0], article_id=r[1], text=r[2], value=r[3], unit=r[4], approx=r[5], about=r[6], start=r[7],
                end=r[8], paragraph=r[9], sentence=r[10], outlet=r[11], published=r[12]) for r in rows]
    check = same_measure(group[0], figs, {r[1]: r[13] for r in rows})
    if check is not None:
        write(conn, [check], group_id)


_PENDING: dict[int, set[str]] = {}
"""Connection (by id) -> figure groups to recheck, while a replay defers their rechecks."""


def recheck_figure_groups(conn: sqlite3.Connection, group_ids: set[str]) -> None:
    """Recheck these groups now, or once later when a replay on this connection defers them."""
    pending = _PENDING.get(id(conn))
    if pending is not None:
        pending |= group_ids
        return
    for gid in sorted(group_ids):
        recheck_figure_group(conn, gid)


@contextmanager
def deferred(conn: sqlite3.Connection) -> Iterator[Callable[[], None]]:
    """Rechecks on this connection wait until flush() is called (and are flushed at the end);
    yields flush."""
    if id(conn) in _PENDING:
        raise RuntimeError("cross-checks are already deferred on this connection")
    _PENDING[id(conn)] = set()

    def flush() -> None:
        waiting = sorted(_PENDING[id(conn)])
        _PENDING[id(conn)] = set()
        for gid in waiting:
            recheck_figure_group(conn, gid)

    try:
        yield flush
        flush()
    finally:
        _PENDING.pop(id(conn), None)
