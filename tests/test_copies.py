"""A text read from several addresses (a wire story run by other outlets) is stored once in the
log: the copy's article.revised event names the event holding it, and every reader gets it back."""

from __future__ import annotations

import asyncio
import json
from datetime import date
from urllib.parse import urlencode

from datasette.app import Datasette

from newsfacts.archive.batch import outdated
from newsfacts.archive.db import connect

from .conftest import ROOT, run_cli, write

SAMPLE = "invented-ferry-cuts.txt"


def _copy(text: str, k: int) -> str:
    return (text.replace("riverside-ledger.example.invalid/2024/06/ferry-cuts", f"wire-{k}.example.invalid/ferry")
            .replace("Riverside Ledger (invented)", f"Wire {k} (invented)"))


def test_a_wire_copy_keeps_its_text_once_in_the_log(tmp_path):
    original = (ROOT / "samples" / SAMPLE).read_text("utf-8")
    folder = tmp_path / "in"
    write(folder, "a.txt", original)
    for k in (1, 2):
        write(folder, f"copy-{k}.txt", _copy(original, k))
    db = tmp_path / "archive.db"
    result = run_cli("ingest", folder, "--db", db, "-q")
    assert result.exit_code == 0, result.output
    conn = connect(db)
    revised = [(r[0], json.loads(r[1])) for r in conn.execute(
        "SELECT seq, payload FROM events WHERE type = 'article.revised' ORDER BY seq")]
    assert len(revised) == 3
    (first, inline), copies = revised[0], revised[1:]
    assert inline["article"]["text"] and inline["text_in"] is None
    assert all(p["article"]["text"] is None and p["text_in"] == first for _, p in copies)
    assert {p["text_sha256"] for _, p in revised} == {inline["text_sha256"]}
    text = inline["article"]["text"]
    for _, p in copies:  # a copy costs its metadata, not its words
        assert text[:80] not in json.dumps(p, ensure_ascii=False)
        assert len(json.dumps(p)) + len(text) // 2 < len(json.dumps(inline))
    # every article has its own row and claims; the text and its search entry are stored once
    rows = conn.execute("SELECT a.id, a.url, a.text_id, t.text, a.quotes FROM articles a "
                        "JOIN texts t ON t.id = a.text_id ORDER BY url").fetchall()
    assert len(rows) == 3 and len({r["text_id"] for r in rows}) == 1 and all(r["quotes"] for r in rows)
    assert rows[0]["text"] == text and conn.execute("SELECT COUNT(*) FROM texts").fetchone()[0] == 1
    assert conn.execute("SELECT COUNT(*) FROM texts_fts WHERE texts_fts MATCH 'ferry'").fetchone()[0] == 1
    copy_id = next(r["id"] for r in rows if "wire-2" in r["url"])
    # re-extraction rebuilds the copy's Article from the log, text included
    again = {a.url: a for a in outdated(conn, "another-extractor")}
    assert again["https://wire-2.example.invalid/ferry"].text == inline["article"]["text"]
    # the past, read from the log, shows the copy's claims with their words
    ds = Datasette([str(db)], metadata={"databases": {"archive": {"queries": _queries()}}})
    q = urlencode({"article_id": copy_id, "as_of": "9999-12-31", "_shape": "array"})
    past = asyncio.run(ds.client.get(f"/archive/claims_as_of.json?{q}")).json()
    quotes = [r["text"] for r in past if r["claim"] == "quote"]
    assert quotes and all(q and q in inline["article"]["text"] for q in quotes)
    conn.close()
    result = run_cli("verify", "--db", db, "--tables")
    assert result.exit_code == 0, result.output


def test_a_copy_whose_text_reference_was_altered_does_not_replay(tmp_path):
    """The reference is covered by the hash chain; a log whose held text does not match the
    SHA-256 a copy names (written past the chain, as a forger would) is refused, not replayed."""
    db = _ingested_copies(tmp_path, 1)
    from newsfacts.archive.texts import text_of

    conn = connect(db)
    seq, payload = conn.execute("SELECT seq, payload FROM events WHERE type = 'article.revised' "
                                "AND json_extract(payload, '$.text_in') IS NOT NULL").fetchone()
    forged = {**json.loads(payload), "text_sha256": "0" * 64}
    try:
        text_of(conn, forged)
    except ValueError as e:
        assert f"event {forged['text_in']}" in str(e)
    else:
        raise AssertionError("a text that does not match its SHA-256 was accepted")
    conn.close()


def _queries() -> dict:
    import yaml

    meta = yaml.safe_load((ROOT / "metadata.yml").read_text("utf-8"))
    return {"claims_as_of": meta["databases"]["archive"]["queries"]["claims_as_of"]}


def _ingested_copies(tmp_path, n: int = 2):
    original = (ROOT / "samples" / SAMPLE).read_text("utf-8")
    folder = tmp_path / "in"
    write(folder, "a.txt", original)
    for k in range(1, n + 1):
        write(folder, f"copy-{k}.txt", _copy(original, k))
    db = tmp_path / "archive.db"
    result = run_cli("ingest", folder, "--db", db, "-q")
    assert result.exit_code == 0, result.output
    return db


def _extractions(conn) -> list[tuple[int, dict]]:
    return [(r[0], json.loads(r[1])) for r in conn.execute(
        "SELECT seq, payload FROM events WHERE type = 'claims.extracted' ORDER BY seq")]


def test_a_wire_copy_keeps_its_claims_once_in_the_log(tmp_path):
    db = _ingested_copies(tmp_path)
    conn = connect(db)
    (first, inline), *copies = _extractions(conn)
    assert inline["claims"]["quotes"] and "claims_in" not in inline
    urls = {r["id"]: r["source"] for r in conn.execute("SELECT id, source FROM articles")}
    assert len(copies) == 2
    for _, p in copies:  # a copy stores its own source and no claim
        assert p["claims_in"] == first and "claims" not in p and "sentences" not in p
        assert p["head"]["source"] == urls[p["article_id"]] and p["head"]["extractor"] == p["extractor"]
        assert len(json.dumps(p)) * 5 < len(json.dumps(inline))
    # every copy has its own rows, with the words and sentences of the claims it shares
    rows = {aid: [(q["text"], q["sentence"], q["speaker_id"]) for q in conn.execute(
        "SELECT s.text, s.sentence, q.speaker_id FROM quotes q JOIN quote_sentences s ON s.rowid = q.rowid "
        "WHERE q.article_id = ? ORDER BY q.start", (aid,))]
        for aid in urls}
    assert len({tuple(r) for r in rows.values()}) == 1 and all(rows.values())
    counts = conn.execute("SELECT COUNT(DISTINCT quotes), COUNT(*) FROM extractions").fetchone()
    assert tuple(counts) == (1, 3)
    copy_id = copies[-1][1]["article_id"]
    conn.close()
    # the JSON API serves a copy's quotes with their words; the past, read from the log, too
    ds = Datasette([str(db)], metadata={"databases": {"archive": {"queries": _queries()}}})
    served = asyncio.run(ds.client.get(f"/archive/quotes.json?article_id={copy_id}&_shape=array")).json()
    assert sorted(q["text"] for q in served) == sorted(t for t, _, _ in rows[copy_id])
    q = urlencode({"article_id": copy_id, "as_of": "9999-12-31", "_shape": "array"})
    past = asyncio.run(ds.client.get(f"/archive/claims_as_of.json?{q}")).json()
    assert sorted(r["text"] for r in past if r["claim"] == "quote") == sorted(t for t, _, _ in rows[copy_id])
    result = run_cli("verify", "--db", db, "--tables")  # a replay reads the claims where they are held
    assert result.exit_code == 0, result.output


def _first_claims(conn):
    from newsfacts.archive.copies import claims_payload
    from newsfacts.archive.sentences import expand
    from newsfacts.archive.texts import article_of
    from newsfacts.schema.article import Article
    from newsfacts.schema.claims import Claims

    art = json.loads(conn.execute("SELECT payload FROM events WHERE type = 'article.revised' ORDER BY seq").fetchone()[0])
    article = Article.model_validate(article_of(conn, art))
    seq, p = _extractions(conn)[0]
    return article, Claims.model_validate(expand(claims_payload(conn, p), article.text))


def test_a_copy_whose_claims_differ_keeps_them_inline(tmp_path):
    """The same text published another day: its dates resolve to other days, so its claims are
    not those of the first copy and are stored whole; a copy whose claims are the same but whose
    publication date differs names them and keeps its own date."""
    from newsfacts.archive.store import record

    db = tmp_path / "archive.db"
    assert run_cli("ingest", ROOT / "samples" / SAMPLE, "--db", db, "-q").exit_code == 0
    conn = connect(db)
    article, claims = _first_claims(conn)
    assert claims.dates, "the sample has dates"
    moved = claims.dates[0].model_copy(update={"value": "1999-01-01"})
    other = article.model_copy(update={"url": "https://other.example.invalid/a", "source": "https://other.example.invalid/a"})
    record(conn, other, claims.model_copy(update={"dates": [moved, *claims.dates[1:]], "source": other.url}),
           claims.extractor)
    same = article.model_copy(update={"url": "https://same.example.invalid/a", "source": "https://same.example.invalid/a"})
    record(conn, same, claims.model_copy(update={"source": same.url, "published": date(1999, 12, 31)}), claims.extractor)
    (first, _), (_, inline), (_, named) = _extractions(conn)
    assert inline["claims"]["dates"] and "claims_in" not in inline
    assert named["claims_in"] == first and named["head"]["published"] == "1999-12-31"
    assert conn.execute("SELECT value FROM dates WHERE article_id = ? ORDER BY start LIMIT 1",
                        (other.article_id,)).fetchone()[0] == "1999-01-01"
    conn.close()
    assert run_cli("verify", "--db", db, "--tables").exit_code == 0


def test_a_copy_naming_the_claims_of_another_text_does_not_replay(tmp_path):
    """A reference to the extraction of another text (written past the write path, as a forger
    would) is refused by the replay, with the event it names."""
    from newsfacts.archive.copies import claims_payload

    folder = tmp_path / "in"
    write(folder, "a.txt", (ROOT / "samples" / SAMPLE).read_text("utf-8"))
    write(folder, "b.txt", "Harbour board cuts ferry staff\n\nThe board said on Monday it would cut 40 jobs.\n")
    db = tmp_path / "archive.db"
    assert run_cli("ingest", folder, "--db", db, "-q").exit_code == 0
    conn = connect(db)
    (a_seq, a), (_, b) = _extractions(conn)
    forged = {"article_id": b["article_id"], "revision": b["revision"], "extractor": b["extractor"],
              "claims_in": a_seq, "head": {"source": None, "published": None, "extractor": b["extractor"]}}
    try:
        claims_payload(conn, forged)
    except ValueError as e:
        assert f"event {a_seq}" in str(e) and "another text" in str(e)
    else:
        raise AssertionError("a copy named the claims of another text and was replayed")
    assert claims_payload(conn, {**forged, "article_id": a["article_id"]})["claims"]["quotes"]
    conn.close()


def test_a_revised_copy_shows_what_changed_from_the_claims_it_shared(tmp_path):
    """Revision 1 of a copy holds no claims of its own (they are the first copy's); its article
    page still compares them with revision 2's, claim by claim."""
    db = _ingested_copies(tmp_path, 1)
    original = (ROOT / "samples" / SAMPLE).read_text("utf-8")
    revised = _copy(original, 1).replace("depend on that boat every single day", "need that boat twice a day")
    assert run_cli("ingest", write(tmp_path / "later", "copy-1.txt", revised), "--db", db, "-q").exit_code == 0
    conn = connect(db)
    copy_id = conn.execute("SELECT id FROM articles WHERE url LIKE '%wire-1%'").fetchone()[0]
    assert conn.execute("SELECT revision FROM articles WHERE id = ?", (copy_id,)).fetchone()[0] == 2
    first = conn.execute("SELECT payload FROM events WHERE type = 'claims.extracted' AND stream = ? "
                         "ORDER BY seq LIMIT 1", (f"article:{copy_id}",)).fetchone()[0]
    assert json.loads(first).get("claims_in")  # revision 1: the first copy's claims, named
    conn.close()
    ds = Datasette([str(db)])
    html = asyncio.run(ds.client.get(f"/archive/articles/{copy_id}?from=1&to=2")).text
    assert "need that boat twice a day" in html and "depend on that boat every single day" in html
    assert "No claim changed" not in html


def test_copies_rows_copied_in_sql_equal_those_projected_claim_by_claim(tmp_path, monkeypatch):
    """A copy's rows come from the held article's (archive/copy_rows.py) while that article still
    shows the extraction holding them; the archive built so on ingest, its rebuild, and a rebuild
    that projects every claim one by one are the same row for row. Here two copies of the first
    article, then its revision, then a copy of its first text (the held article is revised: claim
    by claim) and one of its revised text (copied from revision 2)."""
    from newsfacts.archive import projections
    from newsfacts.archive.rebuild import rebuild

    from .conftest import snapshot

    db = _ingested_copies(tmp_path, 2)
    original = (ROOT / "samples" / SAMPLE).read_text("utf-8")
    revised = original.replace("depend on that boat every single day", "need that boat twice a day")
    later = tmp_path / "later"
    write(later, "a.txt", revised)
    assert run_cli("ingest", later, "--db", db, "-q").exit_code == 0
    write(later / "copies", "copy-3.txt", _copy(original, 3))
    write(later / "copies", "copy-4.txt", _copy(revised, 4))
    assert run_cli("ingest", later / "copies", "--db", db, "-q").exit_code == 0
    conn = connect(db)
    named = conn.execute("SELECT COUNT(*) FROM events WHERE type = 'claims.extracted' "
                         "AND json_extract(payload, '$.claims_in') IS NOT NULL").fetchone()[0]
    assert named == 4
    copied = []
    real = projections.copy_rows
    monkeypatch.setattr(projections, "copy_rows", lambda *a: copied.append(a[1]) or real(*a))
    incremental = snapshot(conn)
    assert len(incremental["quotes"]) >= 5 * 3 and len({r[1] for r in incremental["quotes"]}) == 5
    rebuild(conn)
    assert snapshot(conn) == incremental
    first = conn.execute("SELECT id FROM articles WHERE url LIKE '%riverside-ledger%'").fetchone()[0]
    assert copied == [first] * 3  # copies 1, 2 and 4; copy 3's held article had moved on
    monkeypatch.setattr(projections, "held_article", lambda *a: None)
    rebuild(conn)
    assert snapshot(conn) == incremental and len(copied) == 3
    conn.close()
    result = run_cli("verify", "--db", db, "--tables")
    assert result.exit_code == 0, result.output
