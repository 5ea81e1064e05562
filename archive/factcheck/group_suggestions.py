"""Groups the archive is unsure of: suggestions a person confirms or rejects.

"Groups the archive is unsure of are suggestions a person confirms or rejects (events)." A
wording that is a root (no wording surely contains it) and has likely links to wordings of other
groups (containment from LIKELY to SURE, wordings.py) is suggested, for each of its quotes, into
the group of its best link: the best score, then the fullest wording. Only roots are suggested:
a fragment already in a group speaks for that group, so "recognize the rights of every
fisherman" inside the minister's quote does not also propose the paraphrase's group. The rows
are a function of the wordings and links, whatever order they arrived in; a decision's answer
shows as the row's status."""

from __future__ import annotations

import sqlite3

from . import wordings


def _status(conn, claim_id: str, group_id: str) -> tuple[str, int | None]:
    row = conn.execute("SELECT decision, event_seq FROM claim_group_decisions WHERE claim_id = ? AND group_id = ? "
                       "ORDER BY event_seq DESC LIMIT 1", (claim_id, group_id)).fetchone()
    return (row[0], row[1]) if row else ("suggested", None)


def refresh(conn: sqlite3.Connection, wid: int, claims: list[str] | None = None,
            w: wordings.Wording | None = None) -> None:
    """The suggestions of a wording's quotes (of these quotes only, when given; `w`: the wording
    as it is now, when the caller has just read it)."""
    if claims is None:
        claims = [r[0] for r in conn.execute("SELECT claim_id FROM claim_group_members WHERE wording_id = ?", (wid,))]
    conn.executemany("DELETE FROM claim_group_suggestions WHERE claim_id = ?", [(c,) for c in claims])
    w = w or wordings.get(conn, wid)
    if w is None or w.parent_id is not None:
        return
    best = conn.execute("SELECT o.group_id, l.score FROM quote_wording_links l JOIN quote_wordings o ON o.id = l.other_id "
                        "WHERE l.wording_id = ? AND o.group_id != ? ORDER BY l.score DESC, o.size DESC, o.words LIMIT 1",
                        (wid, w.group_id)).fetchone()
    if best is None:
        return
    conn.executemany("INSERT OR REPLACE INTO claim_group_suggestions VALUES (?, ?, ?, ?, ?)",
                     [(c, best[0], best[1], *_status(conn, c, best[0])) for c in claims])
