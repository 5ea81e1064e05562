"""A text read from several addresses (a wire story run by other outlets) is stored once in the
log: the copy's article.revised event names the event holding it, and every reader gets it back."""

from __future__ import annotations

import asyncio
import json
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
    # every article has its own row, text, claims and search entries
    rows = conn.execute("SELECT id, url, text, quotes FROM articles ORDER BY url").fetchall()
    assert len(rows) == 3 and len({r["text"] for r in rows}) == 1 and all(r["quotes"] for r in rows)
    assert conn.execute("SELECT COUNT(*) FROM articles_fts WHERE articles_fts MATCH 'ferry'").fetchone()[0] == 3
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
    original = (ROOT / "samples" / SAMPLE).read_text("utf-8")
    folder = tmp_path / "in"
    write(folder, "a.txt", original)
    write(folder, "copy.txt", _copy(original, 1))
    db = tmp_path / "archive.db"
    assert run_cli("ingest", folder, "--db", db, "-q").exit_code == 0
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
