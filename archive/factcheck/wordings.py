"""The wordings of quotes and how they nest: the forest that quote groups are the trees of.

"Quotes that report the same words of the same source in several articles ... share a claim
group." A wording is one speaker's words once normalised (text_match.tokens): every copy of a
syndicated quote is the same wording, so copies cost one counter each, never a comparison. A
wording's parent is the wording that surely contains it best, among those ranked above it (more
words, then the words themselves); a group is a tree, named by its root. Each of these is a
function of the set of wordings, never of the order they arrived in: a new wording takes its best
parent and becomes the parent of the smaller wordings it contains better than their parent did,
and a removed wording's children choose again, so any order of ingest ends in the same forest. A
fragment found in two different statements joins only the best of them: parents, not all
similar pairs, which would chain unrelated statements through their common phrases.

Likely pairs (containment from LIKELY to SURE) are kept as links; a root wording's best link to
another group is suggested for its quotes, for a person to confirm or reject."""

from __future__ import annotations

import hashlib
import sqlite3
from collections import Counter
from dataclasses import dataclass

from .text_match import containment, speaker_prints

SURE = 0.9
"""Share of the shorter quote's words found in order in the other: the same words, surely."""
LIKELY = 0.6
"""From here up to SURE the archive suggests the group and a person decides."""
CHUNK = 500
"""Ids per IN (...) list."""


@dataclass(frozen=True)
class Wording:
    id: int
    speaker_id: str
    words: str
    size: int
    parent_id: int | None
    score: float | None
    group_id: str

    @property
    def rank(self) -> tuple[int, str]:
        return (self.size, self.words)


def wording_id(speaker_id: str, words: list[str]) -> int:
    digest = hashlib.blake2b(f"{speaker_id}\x00{' '.join(words)}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def root_group(wid: int) -> str:
    """A tree's group id: its root's id, so any order of ingest names it alike."""
    return "g" + format(wid & 0xFFFFFFFFFFFFFFFF, "016x")


def get(conn: sqlite3.Connection, wid: int | None) -> Wording | None:
    if wid is None:
        return None
    row = conn.execute("SELECT id, speaker_id, words, size, parent_id, score, group_id FROM quote_wordings "
                       "WHERE id = ?", (wid,)).fetchone()
    return Wording(id=row[0], speaker_id=row[1], words=row[2], size=row[3], parent_id=row[4], score=row[5],
                   group_id=row[6]) if row else None


def count_quote(conn: sqlite3.Connection, wid: int) -> Wording | None:
    """One more quote of this wording, and the wording (None, counting nothing, if it is new)."""
    rows = conn.execute("UPDATE quote_wordings SET quotes = quotes + 1 WHERE id = ? "
                        "RETURNING id, speaker_id, words, size, parent_id, score, group_id", (wid,)).fetchall()
    return Wording(id=rows[0][0], speaker_id=rows[0][1], words=rows[0][2], size=rows[0][3], parent_id=rows[0][4],
                   score=rows[0][5], group_id=rows[0][6]) if rows else None


def _chunks(ids: list) -> list[list]:
    return [ids[i:i + CHUNK] for i in range(0, len(ids), CHUNK)]


def bag_bound(a: list[str], b: list[str]) -> float:
    """An upper bound of containment(a, b) from the words alone, in order or not: cheap, so the
    in-order match runs only on candidates that might reach LIKELY."""
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    ca, cb = Counter(short), Counter(long_)
    return sum(min(n, cb[w]) for w, n in ca.items()) / len(short) if short else 0.0


def candidates(conn: sqlite3.Connection, w: Wording) -> list[tuple[float, Wording]]:
    """(containment, wording) of this speaker's other wordings that share a print with it and
    score at least LIKELY: index look-ups on the prints, never a scan of all quotes."""
    mine = w.words.split()
    prints = sorted(speaker_prints(w.speaker_id, mine))
    ids: set[int] = set()
    for part in _chunks(prints):
        ids |= {r[0] for r in conn.execute(
            f"SELECT wording_id FROM quote_prints WHERE print IN ({','.join('?' * len(part))})", part)}
    ids.discard(w.id)
    out = []
    for part in _chunks(sorted(ids)):
        for r in conn.execute(f"SELECT id, speaker_id, words, size, parent_id, score, group_id FROM quote_wordings "
                              f"WHERE id IN ({','.join('?' * len(part))})", part):
            other = Wording(id=r[0], speaker_id=r[1], words=r[2], size=r[3], parent_id=r[4], score=r[5],
                            group_id=r[6])
            theirs = other.words.split()
            if other.speaker_id != w.speaker_id or bag_bound(mine, theirs) < LIKELY:
                continue
            score = containment(mine, theirs)
            if score >= LIKELY:
                out.append((score, other))
    return out


def _preference(score: float, parent: Wording) -> tuple:
    """The order parents are chosen in: best contained, then the fullest, then by the words."""
    return (-score, -parent.size, parent.words)


def best_parent(w: Wording, found: list[tuple[float, Wording]]) -> tuple[float, Wording] | None:
    above = [(s, o) for s, o in found if s >= SURE and o.rank > w.rank]
    return min(above, key=lambda x: _preference(*x)) if above else None


def subtree(conn: sqlite3.Connection, wid: int) -> list[int]:
    out, todo = [], [wid]
    while todo:
        out.extend(todo)
        nxt = []
        for part in _chunks(todo):
            nxt += [r[0] for r in conn.execute(
                f"SELECT id FROM quote_wordings WHERE parent_id IN ({','.join('?' * len(part))})", part)]
        todo = nxt
    return out


def attach(conn: sqlite3.Connection, w: Wording, parent: tuple[float, Wording] | None) -> tuple[str, str, list[int]]:
    """Give a wording its parent (or none: a root); its subtree follows it into the parent's group.
    Returns (old group, new group, the wordings that changed group)."""
    score, p = parent if parent else (None, None)
    group = p.group_id if p else root_group(w.id)
    conn.execute("UPDATE quote_wordings SET parent_id = ?, score = ? WHERE id = ?",
                 (p.id if p else None, round(score, 3) if score is not None else None, w.id))
    if group == w.group_id:
        return w.group_id, group, []
    moved = subtree(conn, w.id)
    for part in _chunks(moved):
        marks = ",".join("?" * len(part))
        conn.execute(f"UPDATE quote_wordings SET group_id = ? WHERE id IN ({marks})", (group, *part))
        conn.execute(f"UPDATE quotes SET group_id = ? WHERE id IN (SELECT claim_id FROM claim_group_members "
                     f"WHERE wording_id IN ({marks}) AND group_id = ?)", (group, *part, w.group_id))
        conn.execute(f"UPDATE claim_group_members SET group_id = ? WHERE wording_id IN ({marks}) AND group_id = ?",
                     (group, *part, w.group_id))
    if w.parent_id is None and w.group_id == root_group(w.id):
        # the whole tree moved: claims people confirmed into it follow it
        conn.execute("UPDATE quotes SET group_id = ? WHERE id IN (SELECT claim_id FROM claim_group_members "
                     "WHERE group_id = ?)", (group, w.group_id))
        conn.execute("UPDATE claim_group_members SET group_id = ? WHERE group_id = ?", (group, w.group_id))
    return w.group_id, group, moved


def insert(conn: sqlite3.Connection, wid: int, speaker_id: str, words: list[str]) -> tuple[set[str], set[int]]:
    """A new wording: its prints, its parent, the smaller wordings it now parents, its links.
    Returns (groups whose members changed, wordings whose suggestions may have changed)."""
    conn.execute("INSERT INTO quote_wordings VALUES (?, ?, ?, ?, NULL, NULL, ?, 0)",
                 (wid, speaker_id, " ".join(words), len(words), root_group(wid)))
    conn.executemany("INSERT OR IGNORE INTO quote_prints VALUES (?, ?)",
                     [(p, wid) for p in sorted(speaker_prints(speaker_id, words))])
    w = get(conn, wid)
    found = candidates(conn, w)
    touched, review = set(), {wid}
    parent = best_parent(w, found)
    if parent:
        old, new, moved = attach(conn, w, parent)
        touched |= {old, new}
    w = get(conn, wid)
    for score, c in sorted(found, key=lambda x: x[1].rank):
        if score < SURE:
            low, high = (w, c) if w.rank < c.rank else (c, w)
            conn.execute("INSERT OR REPLACE INTO quote_wording_links VALUES (?, ?, ?)", (low.id, high.id, round(score, 3)))
            review.add(low.id)
        elif c.rank < w.rank:
            current = get(conn, c.parent_id)
            if current is None or _preference(score, w) < _preference(c.score, current):
                old, new, moved = attach(conn, c, (score, w))
                touched |= {old, new}
                review |= set(linked_to(conn, moved)) | {c.id}
    return touched, review


def linked_to(conn: sqlite3.Connection, ids: list[int]) -> list[int]:
    """Wordings with a likely link to any of these (their suggestion's group may have changed)."""
    out: list[int] = []
    for part in _chunks(ids):
        out += [r[0] for r in conn.execute(
            f"SELECT wording_id FROM quote_wording_links WHERE other_id IN ({','.join('?' * len(part))})", part)]
    return out


def remove(conn: sqlite3.Connection, wid: int) -> tuple[set[str], set[int]]:
    """A wording no quote has any more: gone with its prints and links; its children choose again
    as if it had never been there."""
    w = get(conn, wid)
    if w is None:
        return set(), set()
    conn.executemany("DELETE FROM quote_prints WHERE print = ? AND wording_id = ?",
                     [(p, wid) for p in sorted(speaker_prints(w.speaker_id, w.words.split()))])
    review = set(linked_to(conn, [wid])) | {r[0] for r in conn.execute(
        "SELECT other_id FROM quote_wording_links WHERE wording_id = ?", (wid,))}
    conn.execute("DELETE FROM quote_wording_links WHERE wording_id = ? OR other_id = ?", (wid, wid))
    children = [r[0] for r in conn.execute("SELECT id FROM quote_wordings WHERE parent_id = ? ORDER BY id", (wid,))]
    conn.execute("DELETE FROM quote_wordings WHERE id = ?", (wid,))
    touched = {w.group_id}
    for cid in children:
        c = get(conn, cid)
        c = Wording(**{**c.__dict__, "parent_id": None})  # its parent is gone
        old, new, moved = attach(conn, c, best_parent(c, candidates(conn, c)))
        touched |= {old, new}
        review |= set(linked_to(conn, moved)) | {cid}
    review.discard(wid)
    return touched, review
