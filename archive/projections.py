"""Projections: how each event changes the derived tables.

`apply(conn, event)` is the only writer of derived tables, used both by incremental ingest and by
`rebuild`, which is why the two give the same rows. Everything a row holds comes from events
(times included), never from the clock or from NLP.
"""

from __future__ import annotations

import bisect
import hashlib
import re
import sqlite3
import unicodedata

from .copies import claims_payload, expanded
from .copy_rows import copy_rows, held_article
from .event_counts import count as count_event
from .log import Event, current, read
from .originals import compressed
from .sentences import sentence_columns
from .speaker_decisions import SPEAKER_HANDLERS
from .speaker_index import assign
from .texts import stored, text_of


PROJECTIONS_VERSION = 8
"""Bump when a handler below changes what rows it writes: archives rebuild on next open."""


def replay(conn: sqlite3.Connection) -> int:
    """Apply every event in order to empty derived tables (inside the caller's transaction).
    Followers may leave some work to the end of a run of events that cannot change what it reads
    (the fact store's cross-checks: factcheck/projections.py, `replaying`): the same code over
    the same rows, done once instead of once per article."""
    from .factcheck.projections import replaying

    n = 0
    with replaying(conn) as before:
        for event in read(conn):
            before(event)
            apply(conn, event)
            n += 1
    return n


def apply(conn: sqlite3.Connection, event: Event) -> None:
    event = current(event)  # an old event is read through its version's model, then upcast
    count_event(conn, event.type, event.actor)  # the log's own page counts (no trigger on events)
    handler = HANDLERS.get(event.type)
    if handler is not None:
        handler(conn, event)
    for follow in _followers().get(event.type, ()):
        follow(conn, event)


def _followers() -> dict:
    """Handlers of other layers that run after the ones here (the fact store's, in its package)."""
    from .factcheck.projections import FOLLOWERS

    return FOLLOWERS


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
    text = text_of(conn, p)  # inline, or in the earlier event that holds the same text
    row = {
        "id": p["article_id"], "headline": headline(a.get("title"), text), "title": a.get("title"), "outlet": a.get("outlet"),
        "author": a.get("author"), "published": a.get("published"), "month": _month(a.get("published")),
        "url": a.get("url"), "source": a.get("source"), "reader": a.get("reader"),
        "summary_only": int(bool(a.get("summary_only"))), "revision": p["revision"],
        "words": len(text.split()), "content_hash": p["content_hash"], "raw_sha256": a.get("raw_sha256"),
        "first_seen": e.recorded_at, "updated_at": e.recorded_at,
        "text_id": stored(conn, p["text_sha256"], text),  # each distinct text once (texts.py)
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
        "recorded_at, event_seq, text_sha256, text_seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (f"{p['article_id']}/{p['revision']}", p["article_id"], p["revision"], a.get("title"),
         a.get("published"), a.get("source"), p["content_hash"], e.recorded_at, e.seq,
         p["text_sha256"], p.get("text_in") or e.seq))
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
    conn.execute("INSERT OR IGNORE INTO originals VALUES (?, ?, ?, ?, ?, ?)",
                 (p["sha256"], p["size"], compressed(p["data"]), e.seq, p.get("compression", "zlib"), p.get("text_of")))


def _claims_extracted(conn, e: Event) -> None:
    p = claims_payload(conn, e.payload)  # a copy's claims read from the event holding them
    aid, rev, claims = p["article_id"], p["revision"], p["claims"]
    art = conn.execute("SELECT a.revision, a.outlet, a.published, a.month, a.title, a.text_id, t.text FROM articles a "
                       "JOIN texts t ON t.id = a.text_id WHERE a.id = ?", (aid,)).fetchone()
    conn.execute("INSERT INTO extractions VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                 (e.seq, aid, rev, p["extractor"], *(len(claims.get(k) or []) for k in ("quotes", "figures", "dates")),
                  e.recorded_at))
    if art is None or art["revision"] != rev:
        return  # an extraction of an older revision: kept in the log, not shown as current
    outlet, published, month = art["outlet"], art["published"], art["month"]
    held = held_article(conn, e.payload, bool(art["title"]))  # a wire copy of an article shown
    claims = expanded(conn, p, art["text"], e.payload.get("claims_in") if held else None)
    for table in ("figures", "quotes", "dates"):
        conn.execute(f"DELETE FROM {table} WHERE article_id = ?", (aid,))

    who = assign(conn, aid, claims, art["text"], bool(art["title"]), published)
    if held is not None:  # the held article's rows with what is the copy's own (copy_rows.py)
        copy_rows(conn, held, {"aid": aid, "rev": rev, "outlet": outlet, "published": published, "month": month,
                               "who": {w: (a.speaker_id, a.key, a.name) for w, a in who.items()}})
    else:
        _claim_rows(conn, aid, rev, claims, who, art)
    counts = [conn.execute(f"SELECT COUNT(*) FROM {t} WHERE article_id = ?", (aid,)).fetchone()[0]
              for t in ("quotes", "figures", "dates")]
    conn.execute("UPDATE articles SET extractor = ?, quotes = ?, figures = ?, dates = ? WHERE id = ?",
                 (p["extractor"], *counts, aid))


def _claim_rows(conn, aid: str, rev: int, claims: dict, who: dict, art) -> None:
    """The article's quotes, figures and dates rows, claim by claim."""
    outlet, published, month = art["outlet"], art["published"], art["month"]
    para = paragraph_index(art["text"])
    sentence = sentence_columns(art["text_id"], art["text"])  # each sentence once, in texts
    quote_ids, quote_keys, quote_rows = [], {}, []
    for q in claims["quotes"]:
        qid = claim_id(aid, "quote", q["start"], q["end"], q["text"])
        quote_ids.append(qid)
        sp = q.get("speaker") or {}
        written = sp.get("name")
        a = who.get(written) if written else None
        key, sid, name = (a.key, a.speaker_id, a.name) if a else (None, None, None)
        attribution = "unresolved" if a is not None and a.junk else q.get("attribution")
        quote_keys.setdefault(qid, (key, sid))  # as stored: a repeated id keeps its first row
        quote_rows.append((qid, aid, rev, q["kind"], q["text"], sid, name, sp.get("mention"), key, q.get("cue"),
                           attribution, outlet, published, month, para(q["start"]), q["start"], q["end"],
                           *sentence(q), written, q.get("rule")))
    conn.executemany(  # rows in claim order, one statement prepared once per article
        "INSERT OR IGNORE INTO quotes VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL)",
        quote_rows)
    figure_rows = []
    for f in claims["figures"]:
        qid = quote_ids[f["quote"]] if f.get("quote") is not None and f["quote"] < len(quote_ids) else None
        key, sid = quote_keys.get(qid, (None, None))
        figure_rows.append((claim_id(aid, "figure", f["start"], f["end"], f["text"]), aid, rev, f["text"], f["value"],
                            f.get("unit"), f.get("approx"), f.get("about"), qid, sid, key,
                            outlet, published, para(f["start"]), f["start"], f["end"], *sentence(f),
                            f.get("rule")))
    conn.executemany(
        "INSERT OR IGNORE INTO figures VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL)",
        figure_rows)
    conn.executemany(
        "INSERT OR IGNORE INTO dates VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)",
        [_date_row(aid, rev, d, outlet, published, para, sentence) for d in claims["dates"]])


def date_words(text: str, dateline) -> str:
    """What claim_id() hashes of a date besides its span: its words, marked when it is the dateline's."""
    return text + ("|dateline" if dateline else "")


def _date_row(aid: str, rev: int, d: dict, outlet, published, para, sentence) -> tuple:
    value = d["value"]
    return (claim_id(aid, "date", d.get("start"), d.get("end"), date_words(d["text"], d.get("dateline"))),
            aid, rev, d["text"], value, d["precision"], value[:4], value[:7] if len(value) >= 7 else None,
            int(bool(d.get("dateline"))), outlet, published,
            para(d["start"]) if d.get("start") is not None else None, d.get("start"), d.get("end"),
            *sentence(d), d.get("rule"))


def _checkpoint_recorded(conn, e: Event) -> None:
    p = e.payload
    conn.execute("INSERT INTO checkpoints VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                 (e.seq, p["size"], p["root"], p["time"], p["key_id"], p["public_key"], p["signature"],
                  p["origin"], e.recorded_at))




HANDLERS = {
    "article.revised": _article_revised,
    "article.sighted": _article_sighted,
    "original.stored": _original_stored,
    "claims.extracted": _claims_extracted,
    **SPEAKER_HANDLERS,
    "checkpoint.recorded": _checkpoint_recorded,
}
