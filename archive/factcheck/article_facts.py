"""What the fact store knows of one article, for its page and for scripts: the checks of its
numbers, the current verdicts on its claims, the published reviews that match its quotes, and
the other articles its claims appear in.

"verdicts, groups and checks show on its article page": one read-only function over a sqlite3
connection, so a Datasette page calls it through `db.execute_fn` and a script calls it directly."""

from __future__ import annotations

import json
import sqlite3


def _dicts(conn: sqlite3.Connection, sql: str, args: tuple) -> list[dict]:
    cur = conn.execute(sql, args)
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row)) for row in cur.fetchall()]


def _checks(conn, article_id: str) -> list[dict]:
    rows = _dicts(conn, "SELECT id, kind, status, explanation, article_ids, figure_ids, rule FROM checks "
                        "WHERE id IN (SELECT c.id FROM checks c, json_each(c.article_ids) j WHERE j.value = ?) "
                        "ORDER BY status = 'consistent', kind, id", (article_id,))
    for r in rows:
        r["article_ids"], r["figure_ids"] = json.loads(r["article_ids"]), json.loads(r["figure_ids"])
    return rows


def _appearances(conn, article_id: str) -> dict[str, list[dict]]:
    """claim id -> the other articles of its group, earliest first."""
    rows = _dicts(conn, "SELECT m.claim_id, o.article_id, a.headline, a.outlet, a.published, g.id AS group_id "
                        "FROM claim_group_members m JOIN claim_groups g ON g.id = m.group_id AND g.articles > 1 "
                        "JOIN claim_group_members o ON o.group_id = g.id AND o.article_id != m.article_id "
                        "JOIN articles a ON a.id = o.article_id WHERE m.article_id = ? "
                        "ORDER BY m.claim_id, a.published, o.article_id", (article_id,))
    out: dict[str, list[dict]] = {}
    for r in rows:
        seen = out.setdefault(r.pop("claim_id"), [])
        if all(x["article_id"] != r["article_id"] for x in seen):
            seen.append(r)
    return out


def article_facts(conn: sqlite3.Connection, article_id: str) -> dict:
    verdicts = _dicts(conn, "SELECT claim_id, claim_table, verdict, alternate_name, rating_value, best_rating, "
                            "note, url, actor, recorded_at FROM verdicts WHERE article_id = ? ORDER BY event_seq",
                      (article_id,))
    reviews = _dicts(conn, "SELECT l.quote_id AS claim_id, r.publisher, r.rating, r.url, r.date_published, l.score "
                           "FROM claim_review_links l JOIN claim_reviews r ON r.id = l.review_id "
                           "WHERE l.article_id = ? ORDER BY l.quote_id, r.date_published, r.id", (article_id,))
    return {"article_id": article_id, "checks": _checks(conn, article_id), "verdicts": verdicts,
            "checked_by": reviews, "elsewhere": _appearances(conn, article_id)}
