"""Projections: how each event changes the derived tables.

`apply(conn, event)` is the only writer of derived tables, used both by incremental ingest and by
`rebuild`, which is why the two give the same rows. Everything a row holds comes from events
(times included), never from the clock or from NLP.
"""

from __future__ import annotations

import base64
import bisect
import hashlib
import json
import re
import sqlite3
import unicodedata
import zlib

from .log import Event, read


PROJECTIONS_VERSION = 1
"""Bump when a handler below changes what rows it writes: archives rebuild on next open."""


def replay(conn: sqlite3.Connection) -> int:
    """Apply every event in order to empty derived tables (inside the caller's transaction)."""
    n = 0
    for event in read(conn):
        apply(conn, event)
        n += 1
    return n


def apply(conn: sqlite3.Connection, event: Event) -> None:
    handler = HANDLERS.get(event.type)
    if handler is not None:
        handler(conn, event)


def slug(name: str) -> str:
    """A speaker's id from its canonical name: readable, stable, URL-safe."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"^(the|a|an)\s+", "", text.strip())
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "unnamed"


def claim_id(article_id: str, kind: str, start, end, text: str) -> str:
    """Stable across re-extractions that find the same span: a citable row URL."""
    key = f"{article_id}|{kind}|{start}|{end}|{text}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def resolve_speaker(conn: sqlite3.Connection, speaker_id: str | None) -> str | None:
    if speaker_id is None:
        return None
    row = conn.execute("SELECT target_id FROM speaker_redirects WHERE speaker_id = ?", (speaker_id,)).fetchone()
    return row[0] if row else speaker_id


def paragraph_index(text: str):
    """offset -> index of the paragraph (block of text between line breaks) it falls in."""
    breaks = [m.end() for m in re.finditer(r"\n+", text)]
    return lambda offset: bisect.bisect_right(breaks, offset)


def headline(title: str | None, text: str, words: int = 14) -> str:
    """What a row link shows: the title, else the first words of the text."""
    if title and title.strip():
        return title.strip()
    first = text.strip().split()
    return " ".join(first[:words]) + (" …" if len(first) > words else "")


def _month(iso: str | None) -> str | None:
    return iso[:7] if iso else None


def _article_revised(conn, e: Event) -> None:
    p = e.payload
    a = p["article"]
    text = a["text"]
    row = {
        "id": p["article_id"], "headline": headline(a.get("title"), text), "title": a.get("title"), "outlet": a.get("outlet"),
        "author": a.get("author"), "published": a.get("published"), "month": _month(a.get("published")),
        "url": a.get("url"), "source": a.get("source"), "reader": a.get("reader"),
        "summary_only": int(bool(a.get("summary_only"))), "revision": p["revision"],
        "words": len(text.split()), "content_hash": p["content_hash"], "raw_sha256": a.get("raw_sha256"),
        "first_seen": e.recorded_at, "updated_at": e.recorded_at, "text": text,
    }
    exists = conn.execute("SELECT first_seen FROM articles WHERE id = ?", (row["id"],)).fetchone()
    if exists:
        row["first_seen"] = exists[0]
        sets = ", ".join(f'"{k}" = :{k}' for k in row if k != "id")
        conn.execute(f"UPDATE articles SET {sets} WHERE id = :id", row)
    else:
        cols = ", ".join(f'"{k}"' for k in row)
        conn.execute(f"INSERT INTO articles ({cols}) VALUES ({', '.join(':' + k for k in row)})", row)
    conn.execute(
        "INSERT INTO revisions (id, article_id, revision, title, published, source, content_hash, "
        "recorded_at, event_seq, text) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (f"{p['article_id']}/{p['revision']}", p["article_id"], p["revision"], a.get("title"),
         a.get("published"), a.get("source"), p["content_hash"], e.recorded_at, e.seq, text))
    if a.get("source"):
        _sighting(conn, e.seq, p["article_id"], a["source"], a.get("reader"), a.get("read_at"),
                  a.get("raw_sha256"), e.recorded_at)


def _sighting(conn, seq, article_id, source, reader, read_at, raw_sha256, recorded_at) -> None:
    conn.execute("INSERT INTO sightings VALUES (?, ?, ?, ?, ?, ?, ?)",
                 (seq, article_id, source, reader, read_at, raw_sha256, recorded_at))


def _article_sighted(conn, e: Event) -> None:
    p = e.payload
    _sighting(conn, e.seq, p["article_id"], p["source"], p.get("reader"), p.get("read_at"),
              p.get("raw_sha256"), e.recorded_at)


def _original_stored(conn, e: Event) -> None:
    p = e.payload
    content = zlib.decompress(base64.b64decode(p["data"]))
    conn.execute("INSERT OR IGNORE INTO originals VALUES (?, ?, ?, ?)", (p["sha256"], p["size"], content, e.seq))


def _upsert_speaker(conn, sid: str, sp: dict) -> None:
    row = conn.execute("SELECT name, kind, roles, aliases FROM speakers WHERE id = ?", (sid,)).fetchone()
    roles = list(dict.fromkeys(sp.get("roles") or []))
    aliases = [x for x in dict.fromkeys(sp.get("aliases") or []) if x != sp["name"]]
    if row is None:
        conn.execute("INSERT INTO speakers VALUES (?, ?, ?, ?, ?, ?)",
                     (sid, sp["name"], sp.get("kind") or "unknown", int(bool(sp.get("anonymous"))),
                      json.dumps(roles, ensure_ascii=False), json.dumps(aliases, ensure_ascii=False)))
        return
    kind = row["kind"] if row["kind"] != "unknown" else (sp.get("kind") or "unknown")
    merged_roles = list(dict.fromkeys(json.loads(row["roles"]) + roles))
    merged_aliases = [x for x in dict.fromkeys(json.loads(row["aliases"]) + aliases + [sp["name"]])
                      if x != row["name"]]
    conn.execute("UPDATE speakers SET kind = ?, roles = ?, aliases = ? WHERE id = ?",
                 (kind, json.dumps(merged_roles, ensure_ascii=False),
                  json.dumps(merged_aliases, ensure_ascii=False), sid))


def speaker_key(name: str, anonymous: bool, article_id: str) -> str:
    """An anonymous source ('a spokesperson') is only the same source within one article."""
    return f"{slug(name)}@{article_id}" if anonymous else slug(name)


def _claims_extracted(conn, e: Event) -> None:
    p = e.payload
    aid, rev, claims = p["article_id"], p["revision"], p["claims"]
    art = conn.execute("SELECT revision, outlet, published, month, text FROM articles WHERE id = ?", (aid,)).fetchone()
    conn.execute("INSERT INTO extractions VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                 (e.seq, aid, rev, p["extractor"], len(claims["quotes"]), len(claims["figures"]),
                  len(claims["dates"]), e.recorded_at))
    if art is None or art["revision"] != rev:
        return  # an extraction of an older revision: kept in the log, not shown as current
    outlet, published, month = art["outlet"], art["published"], art["month"]
    para = paragraph_index(art["text"])
    for table in ("figures", "quotes", "dates"):
        conn.execute(f"DELETE FROM {table} WHERE article_id = ?", (aid,))

    anonymous = {s["name"]: s.get("anonymous", False) for s in claims["speakers"]}
    for sp in claims["speakers"]:
        key = speaker_key(sp["name"], sp.get("anonymous", False), aid)
        _upsert_speaker(conn, resolve_speaker(conn, key), sp)

    quote_ids, quote_keys = [], {}
    for q in claims["quotes"]:
        qid = claim_id(aid, "quote", q["start"], q["end"], q["text"])
        quote_ids.append(qid)
        sp = q.get("speaker") or {}
        name = sp.get("name")
        key = speaker_key(name, anonymous.get(name, sp.get("anonymous", False)), aid) if name else None
        quote_keys.setdefault(qid, key)  # as stored: a repeated id keeps its first row
        sid = resolve_speaker(conn, key)
        if sid is not None and not conn.execute("SELECT 1 FROM speakers WHERE id = ?", (sid,)).fetchone():
            _upsert_speaker(conn, sid, {"name": name, "kind": sp.get("kind"), "anonymous": sp.get("anonymous")})
        conn.execute(
            "INSERT OR IGNORE INTO quotes VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (qid, aid, rev, q["kind"], q["text"], sid, name, sp.get("mention"), key, q.get("cue"),
             q.get("attribution"), outlet, published, month, para(q["start"]), q["start"], q["end"],
             q.get("sentence")))
    for f in claims["figures"]:
        qid = quote_ids[f["quote"]] if f.get("quote") is not None and f["quote"] < len(quote_ids) else None
        key = quote_keys.get(qid)
        conn.execute(
            "INSERT OR IGNORE INTO figures VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (claim_id(aid, "figure", f["start"], f["end"], f["text"]), aid, rev, f["text"], f["value"],
             f.get("unit"), f.get("approx"), f.get("about"), qid, resolve_speaker(conn, key), key,
             outlet, published, para(f["start"]), f["start"], f["end"], f.get("sentence")))
    for d in claims["dates"]:
        value = d["value"]
        conn.execute(
            "INSERT OR IGNORE INTO dates VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (claim_id(aid, "date", d.get("start"), d.get("end"), d["text"] + ("|dateline" if d.get("dateline") else "")),
             aid, rev, d["text"], value, d["precision"], value[:4], value[:7] if len(value) >= 7 else None,
             int(bool(d.get("dateline"))), outlet, published,
             para(d["start"]) if d.get("start") is not None else None, d.get("start"), d.get("end"),
             d.get("sentence")))
    counts = [conn.execute(f"SELECT COUNT(*) FROM {t} WHERE article_id = ?", (aid,)).fetchone()[0]
              for t in ("quotes", "figures", "dates")]
    conn.execute("UPDATE articles SET extractor = ?, quotes = ?, figures = ?, dates = ? WHERE id = ?",
                 (p["extractor"], *counts, aid))


def _speaker_merged(conn, e: Event) -> None:
    src, into = e.payload["speaker_id"], resolve_speaker(conn, e.payload["into"])
    if src == into:
        return
    conn.execute("INSERT OR REPLACE INTO speaker_redirects VALUES (?, ?, ?)", (src, into, e.seq))
    conn.execute("UPDATE speaker_redirects SET target_id = ? WHERE target_id = ?", (into, src))
    row = conn.execute("SELECT * FROM speakers WHERE id = ?", (src,)).fetchone()
    if row is not None:
        _upsert_speaker(conn, into, {"name": row["name"], "kind": row["kind"],
                                     "roles": json.loads(row["roles"]), "aliases": json.loads(row["aliases"])})
        conn.execute("DELETE FROM speakers WHERE id = ?", (src,))
    for table in ("quotes", "figures"):
        conn.execute(f"UPDATE {table} SET speaker_id = ? WHERE speaker_id = ?", (into, src))


def _speaker_split(conn, e: Event) -> None:
    sid = e.payload["speaker_id"]
    conn.execute("DELETE FROM speaker_redirects WHERE speaker_id = ?", (sid,))
    names = [r[0] for r in conn.execute(
        "SELECT DISTINCT speaker FROM quotes WHERE speaker_key = ? AND speaker IS NOT NULL", (sid,))]
    if not names:
        return
    _upsert_speaker(conn, sid, {"name": names[0], "kind": "unknown", "aliases": names[1:]})
    for table in ("quotes", "figures"):
        conn.execute(f"UPDATE {table} SET speaker_id = ? WHERE speaker_key = ?", (sid, sid))


def _verdict_recorded(conn, e: Event) -> None:
    p = e.payload
    conn.execute("INSERT INTO verdicts VALUES (?, ?, ?, ?, ?, ?, ?)",
                 (e.seq, p["claim_id"], p["claim_table"], p["verdict"], p.get("note"), e.actor, e.recorded_at))


HANDLERS = {
    "article.revised": _article_revised,
    "article.sighted": _article_sighted,
    "original.stored": _original_stored,
    "claims.extracted": _claims_extracted,
    "speaker.merged": _speaker_merged,
    "speaker.split": _speaker_split,
    "verdict.recorded": _verdict_recorded,
}
