"""People decide who is who: merges, splits, distinct pairs and external links, as events.

The handlers are projections (replayed by `rebuild` at their place in the log, so a decision
holds for every article recorded after it, re-extractions included); the functions above them
are the Python API the `newsfacts speakers` commands call, which check a request before its
event is appended. "merging a speaker into itself or into a speaker it is already part of is
refused with a clear message; an old speaker id keeps answering (its page says it was merged,
and where to)."
"""

from __future__ import annotations

import json
import re
import sqlite3

from .log import Event
from .speaker_index import new_id, refresh_name, resolve, upsert_speaker


class Refused(ValueError):
    """A request a person made that the archive will not record (with the reason)."""


# -- finding a speaker by what a person types -----------------------------------------------

def find(conn: sqlite3.Connection, ref: str) -> str:
    """A speaker's id from its id, its exact name, or a name variant joined into it."""
    if conn.execute("SELECT 1 FROM speakers WHERE id = ?", (ref,)).fetchone():
        return ref
    for sql in ("SELECT id FROM speakers WHERE name = ? ORDER BY merged_into IS NOT NULL, id",
                "SELECT id FROM speakers WHERE lower(name) = lower(?) ORDER BY merged_into IS NOT NULL, id",
                "SELECT DISTINCT speaker_id FROM speaker_names WHERE variant = ?"):
        ids = list(dict.fromkeys(resolve(conn, r[0]) if "speaker_names" in sql else r[0]
                                 for r in conn.execute(sql, (ref,))))
        current = [i for i in ids if resolve(conn, i) == i] or ids
        if len(current) == 1:
            return current[0]
        if len(current) > 1:
            raise Refused(f"{ref!r} names several speakers ({', '.join(current)}): give an id")
    raise Refused(f"no speaker {ref!r} (give a speaker id or an exact name)")


def _name(conn, sid: str) -> str:
    row = conn.execute("SELECT name FROM speakers WHERE id = ?", (sid,)).fetchone()
    return f"{row[0]} ({sid})" if row else sid


def check_merge(conn: sqlite3.Connection, a: str, b: str) -> tuple[str, str]:
    src, into = find(conn, a), find(conn, b)
    if src == into:
        raise Refused(f"cannot merge {_name(conn, src)} into itself")
    if resolve(conn, src) != src:
        raise Refused(f"{_name(conn, src)} is already merged into {_name(conn, resolve(conn, src))}")
    if resolve(conn, into) == src:
        raise Refused(f"{_name(conn, into)} is already part of {_name(conn, src)}")
    if conn.execute("SELECT 1 FROM speaker_distinct WHERE speaker_id = ? AND other_id = ?",
                    (src, resolve(conn, into))).fetchone():
        raise Refused(f"{_name(conn, src)} and {_name(conn, into)} were marked distinct")
    return src, resolve(conn, into)


def check_split(conn: sqlite3.Connection, a: str) -> tuple[str, str]:
    sid = find(conn, a)
    row = conn.execute("SELECT target_id FROM speaker_redirects WHERE speaker_id = ?", (sid,)).fetchone()
    if row is None:
        raise Refused(f"{_name(conn, sid)} is not merged into another speaker")
    return sid, row[0]


def check_name_split(conn: sqlite3.Connection, a: str, variant: str) -> tuple[str, str]:
    sid = resolve(conn, find(conn, a))
    names = [r[0] for r in conn.execute("SELECT DISTINCT variant FROM speaker_names WHERE speaker_id = ?", (sid,))]
    if variant not in names:
        raise Refused(f"{_name(conn, sid)} has no name {variant!r} (its names: {', '.join(sorted(names))})")
    if len(names) == 1:
        raise Refused(f"{variant!r} is the only name of {_name(conn, sid)}: nothing to split it from")
    return sid, variant


def check_distinct(conn: sqlite3.Connection, a: str, b: str) -> tuple[str, str]:
    x, y = resolve(conn, find(conn, a)), resolve(conn, find(conn, b))
    if x == y:
        raise Refused(f"{_name(conn, x)} is one speaker: split it first")
    return x, y


EXTERNAL_ID = re.compile(r"^(Q[1-9]\d*|[a-z][a-z0-9+.-]*:\S+)$")


def check_link(conn: sqlite3.Connection, a: str, external_id: str) -> str:
    if not EXTERNAL_ID.match(external_id):
        raise Refused(f"{external_id!r} is not a Wikidata QID (Q22686) or a URI")
    return resolve(conn, find(conn, a))


# -- the projections --------------------------------------------------------------------------

def merge(conn: sqlite3.Connection, src: str, into: str, seq: int) -> None:
    """Everything of `src` counts as `into`'s; its row stays, saying where it went."""
    conn.execute("INSERT OR REPLACE INTO speaker_redirects VALUES (?, ?, ?)", (src, into, seq))
    conn.execute("UPDATE speaker_redirects SET target_id = ? WHERE target_id = ?", (into, src))
    conn.execute("UPDATE speakers SET merged_into = ? WHERE id = ? OR merged_into = ?", (into, src, src))
    row = conn.execute("SELECT * FROM speakers WHERE id = ?", (src,)).fetchone()
    if row is not None:
        upsert_speaker(conn, into, row["name"], row["kind"], False, json.loads(row["roles"]),
                       json.loads(row["aliases"]) + [row["name"]], row["first_seen"])
        if row["last_seen"]:
            upsert_speaker(conn, into, row["name"], row["kind"], False, [], [], row["last_seen"])
    for table in ("speaker_names", "speaker_forms"):
        conn.execute(f"UPDATE OR IGNORE {table} SET speaker_id = ? WHERE speaker_id = ?", (into, src))
    conn.execute("UPDATE speaker_sources SET speaker_id = ? WHERE speaker_id = ?", (into, src))
    for table in ("quotes", "figures"):
        conn.execute(f"UPDATE {table} SET speaker_id = ? WHERE speaker_id = ?", (into, src))
    for col in ("speaker_id", "other_id"):
        conn.execute(f"UPDATE OR IGNORE speaker_suggestions SET {col} = ? WHERE {col} = ?", (into, src))
        conn.execute(f"UPDATE OR IGNORE speaker_distinct SET {col} = ? WHERE {col} = ?", (into, src))
    conn.execute("DELETE FROM speaker_suggestions WHERE speaker_id = other_id OR ? IN (speaker_id, other_id)", (src,))
    _show_name(conn, into)


def _show_name(conn, sid: str) -> None:
    name = refresh_name(conn, sid)
    if name:
        conn.execute("UPDATE quotes SET speaker = ? WHERE speaker_id = ? AND speaker IS NOT ?", (name, sid, name))


def _merged(conn, e: Event) -> None:
    src, into = resolve(conn, e.payload["speaker_id"]), resolve(conn, e.payload["into"])
    if src != into and conn.execute("SELECT 1 FROM speakers WHERE id = ?", (into,)).fetchone():
        merge(conn, src, into, e.seq)


def _split(conn, e: Event) -> None:
    """Undo a merge: what joined `sid` automatically is its own again, and the two are marked
    distinct so that automatic joining does not bring them back together."""
    sid = e.payload["speaker_id"]
    row = conn.execute("SELECT target_id FROM speaker_redirects WHERE speaker_id = ?", (sid,)).fetchone()
    if row is None:
        return
    target = row[0]
    conn.execute("DELETE FROM speaker_redirects WHERE speaker_id = ?", (sid,))
    conn.execute("UPDATE speakers SET merged_into = NULL WHERE id = ?", (sid,))
    conn.execute("UPDATE OR IGNORE speaker_names SET speaker_id = ? WHERE origin = ?", (sid, sid))
    conn.execute("UPDATE OR IGNORE speaker_forms SET speaker_id = ? WHERE speaker_id = ? AND variant IN "
                 "(SELECT variant FROM speaker_names WHERE speaker_id = ?)", (sid, target, sid))
    for table in ("quotes", "figures", "speaker_sources"):
        conn.execute(f"UPDATE {table} SET speaker_id = ? WHERE speaker_key = ?", (sid, sid))
    _distinct(conn, sid, target, e.seq)
    for one in (sid, target):
        _restate(conn, one)
        _show_name(conn, one)


def _restate(conn, sid: str) -> None:
    """A speaker's roles and aliases as its articles gave them, so those of a row split off leave
    with it. Roles and aliases of a speaker no article holds any more stay as they were."""
    rows = conn.execute("SELECT variant, roles, aliases FROM speaker_sources WHERE speaker_id = ?", (sid,)).fetchall()
    row = conn.execute("SELECT name FROM speakers WHERE id = ?", (sid,)).fetchone()
    if not rows or row is None:
        return
    roles = sorted({r for x in rows for r in json.loads(x["roles"])})
    aliases = sorted({a for x in rows for a in [*json.loads(x["aliases"]), x["variant"]]} - {row["name"]})
    conn.execute("UPDATE speakers SET roles = ?, aliases = ? WHERE id = ?",
                 (json.dumps(roles, ensure_ascii=False), json.dumps(aliases, ensure_ascii=False), sid))


def _name_split(conn, e: Event) -> None:
    """One name joined into a speaker automatically becomes a speaker of its own, with the quotes,
    roles and aliases of the articles that used it, kept apart from the first from then on
    (later articles writing that name join the new speaker)."""
    target, variant = resolve(conn, e.payload["speaker_id"]), e.payload["variant"]
    held = conn.execute("SELECT kind, first_seen, last_seen FROM speaker_names WHERE speaker_id = ? AND variant = ?",
                        (target, variant)).fetchone()
    if held is None:
        return
    sid = new_id(conn, variant)
    upsert_speaker(conn, sid, variant, held["kind"], False, [], [], held["first_seen"])
    upsert_speaker(conn, sid, variant, held["kind"], False, [], [], held["last_seen"])
    moved = "SELECT article_id, written FROM speaker_sources WHERE speaker_id = ? AND variant = ?"
    quote_ids = [r[0] for r in conn.execute(f"SELECT id FROM quotes WHERE speaker_id = ? AND (article_id, named_as) IN ({moved})",
                                            (target, target, variant))]
    conn.executemany("UPDATE quotes SET speaker_id = ?, speaker_key = ? WHERE id = ?", [(sid, sid, q) for q in quote_ids])
    conn.executemany("UPDATE figures SET speaker_id = ?, speaker_key = ? WHERE quote_id = ?", [(sid, sid, q) for q in quote_ids])
    conn.execute("UPDATE speaker_sources SET speaker_id = ?, speaker_key = ? WHERE speaker_id = ? AND variant = ?",
                 (sid, sid, target, variant))
    conn.execute("UPDATE speaker_names SET speaker_id = ?, origin = ? WHERE speaker_id = ? AND variant = ?",
                 (sid, sid, target, variant))
    conn.execute("UPDATE speaker_forms SET speaker_id = ? WHERE speaker_id = ? AND variant = ?", (sid, target, variant))
    _distinct(conn, sid, target, e.seq)
    for one in (sid, target):
        _restate(conn, one)
        _show_name(conn, one)


def _distinct(conn, a: str, b: str, seq: int) -> None:
    conn.executemany("INSERT OR IGNORE INTO speaker_distinct VALUES (?, ?, ?)", [(a, b, seq), (b, a, seq)])
    conn.execute("DELETE FROM speaker_suggestions WHERE (speaker_id = ? AND other_id = ?) OR (speaker_id = ? AND other_id = ?)",
                 (a, b, b, a))


def _marked_distinct(conn, e: Event) -> None:
    a, b = resolve(conn, e.payload["speaker_id"]), resolve(conn, e.payload["other_id"])
    if a != b:
        _distinct(conn, a, b, e.seq)


def _linked(conn, e: Event) -> None:
    """Two speakers linked to the same external id are one: the later joins the earlier."""
    sid, ext = resolve(conn, e.payload["speaker_id"]), e.payload["external_id"]
    conn.execute("UPDATE speakers SET external_id = ? WHERE id = ?", (ext, sid))
    other = conn.execute("SELECT id FROM speakers WHERE external_id = ? AND id != ? AND merged_into IS NULL "
                         "ORDER BY rowid LIMIT 1", (ext, sid)).fetchone()
    if other is not None:
        merge(conn, sid, other[0], e.seq)


SPEAKER_HANDLERS = {
    "speaker.merged": _merged,
    "speaker.split": _split,
    "speaker.distinct": _marked_distinct,
    "speaker.linked": _linked,
    "speaker.name_split": _name_split,
}
