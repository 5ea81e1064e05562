"""The `checks` table: the article's own numbers checked by the named rules (each measure several
articles report is checked across them in cross_checks.py).

Derived from the log: within-article checks are redone whenever an article's current extraction
changes, cross-article checks whenever a figure group gains or loses a figure, so a rebuild
reproduces them row for row."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass

from ..texts import article_text
from .change_rules import stated_change
from .check_rules import Check, complement_pair, part_of_whole, two_sides
from .figure_facts import Fig, article_figures, fmt
from .summary_rules import hedged_apposition, hedged_summary


@dataclass(frozen=True)
class Rule:
    name: str
    kind: str
    find: object
    doc: str


RULES: tuple[Rule, ...] = (
    Rule(name="complement_pair", kind="shares_sum", find=complement_pair,
         doc="two measures that split one whole (turnout, abstention) add up to 100 %"),
    Rule(name="two_sides", kind="shares_sum", find=two_sides,
         doc="the shares for, against (and undecided) in one sentence add up to 100 %"),
    Rule(name="part_of_whole", kind="part_whole", find=part_of_whole,
         doc="a part ('150 of the 120 workers') is not larger than its whole"),
    Rule(name="hedged_summary", kind="hedged_summary", find=hedged_summary,
         doc="a hedged summary ('nearly two-thirds') matches the parts it sums up"),
    Rule(name="hedged_apposition", kind="hedged_summary", find=hedged_apposition,
         doc="a hedged share restated beside it ('more than half of patients, 46.3 percent') fits its hedge"),
    Rule(name="stated_change", kind="stated_change", find=stated_change,
         doc="a stated change ('up 0.2 points') matches its two values"),
)
"""Every within-article rule, in the order its checks are listed."""


def article_checks(figs: list[Fig], text: str) -> list[Check]:
    """Every rule's checks of one article (pure: figures and text in, checks out)."""
    out: dict[str, Check] = {}
    for rule in RULES:
        for check in rule.find(figs, text):
            out.setdefault(check.id, check)
    return list(out.values())


def write(conn: sqlite3.Connection, checks: list[Check], group_id: str | None = None) -> None:
    for c in checks:
        conn.execute("INSERT OR REPLACE INTO checks (id, kind, status, article_ids, figure_ids, explanation, rule, "
                     "article_id, group_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                     (c.id, c.kind, c.status, json.dumps(list(c.article_ids)), json.dumps(list(c.figure_ids)),
                      c.explanation, c.rule, c.article_ids[0] if c.article_ids else None, group_id))


def recheck_article(conn: sqlite3.Connection, article_id: str, figs: list[Fig] | None = None) -> None:
    """The article's own checks again (`figs`: article_figures() of it, when the caller has them)."""
    conn.execute("DELETE FROM checks WHERE article_id = ? AND group_id IS NULL", (article_id,))
    text = article_text(conn, article_id)
    if text is not None:
        write(conn, article_checks(article_figures(conn, article_id, text) if figs is None else figs, text))


def listing(conn: sqlite3.Connection, article_id: str | None = None) -> list[dict]:
    sql = "SELECT * FROM checks"
    args: tuple = ()
    if article_id:
        sql += " WHERE EXISTS (SELECT 1 FROM json_each(checks.article_ids) WHERE value = ?)"
        args = (article_id,)
    rows = [dict(r) for r in conn.execute(sql + " ORDER BY article_id, kind, id", args)]
    for r in rows:
        r["article_ids"], r["figure_ids"] = json.loads(r["article_ids"]), json.loads(r["figure_ids"])
    return rows


__all__ = ["RULES", "article_checks", "recheck_article", "fmt"]
