"""Each distinct text stored once in the tables (archive/texts.py): a wire story's copies share one
row of `texts` and one entry of its full-text index, and every reader still gets each article's
text: the search lists every copy, the JSON API and the article page show the text."""

from __future__ import annotations

import asyncio
import json
import sqlite3

import yaml
from datasette.app import Datasette

from newsfacts.archive.db import connect
from newsfacts.archive.sentences import expand

from .conftest import ROOT, run_cli, snapshot
from .test_copies import _ingested_copies


def _datasette(db) -> Datasette:
    return Datasette([str(db)], metadata=yaml.safe_load((ROOT / "metadata.yml").read_text("utf-8")))


def _get(ds: Datasette, path: str):
    response = asyncio.run(ds.client.get(path))
    assert response.status_code == 200, (path, response.status_code, response.text[:300])
    return response


def test_copies_share_one_text_and_its_search_lists_every_copy(tmp_path):
    db = _ingested_copies(tmp_path, 3)
    conn = connect(db)
    ids = {r[0] for r in conn.execute("SELECT id FROM articles")}
    assert len(ids) == 4
    assert conn.execute("SELECT COUNT(*) FROM texts").fetchone()[0] == 1
    assert conn.execute("SELECT COUNT(*) FROM texts_fts WHERE texts_fts MATCH 'ferry'").fetchone()[0] == 1
    ds = _datasette(db)
    found = _get(ds, "/archive/articles.json?_search=ferry").json()
    assert {r[0] for r in found["rows"]} == ids and found["filtered_table_rows_count"] == 4
    assert _get(ds, "/archive/articles.json?_search=zeppelin&_shape=array").json() == []
    # exact paging through the matches: each article once
    seen, path = [], "/archive/articles.json?_search=ferry&_size=1&_shape=objects"
    while path:
        page = _get(ds, path).json()
        seen += [r["id"] for r in page["rows"]]
        path = page["next_url"] and page["next_url"].replace("http://localhost", "")
    assert sorted(seen) == sorted(ids)


def test_the_json_api_and_the_article_page_give_each_articles_text(tmp_path):
    db = _ingested_copies(tmp_path, 1)
    conn = connect(db)
    text = conn.execute("SELECT text FROM texts").fetchone()[0]
    ds = _datasette(db)
    rows = _get(ds, "/archive/articles.json?_labels=on&_shape=array").json()
    assert len(rows) == 2 and all(r["text_id"]["label"] == text for r in rows)
    text_id = rows[0]["text_id"]["value"]
    assert _get(ds, f"/archive/texts/{text_id}.json?_shape=array").json()[0]["text"] == text
    html = _get(ds, f"/archive/articles/{rows[1]['id']}").text
    first_words = text.split("\n")[0].split()[:4]
    assert first_words and " ".join(first_words) in html


def test_an_archive_of_the_old_shape_is_replayed_into_texts_when_opened(tmp_path):
    """An archive written before texts were shared (articles.text, articles_fts over it) needs no
    migration by hand: opening it replays its tables from the log into today's shape."""
    db = _ingested_copies(tmp_path, 2)
    conn = connect(db)
    before = snapshot(conn)
    conn.close()
    old = sqlite3.connect(db)
    for (view,) in old.execute("SELECT name FROM sqlite_master WHERE type = 'view'").fetchall():
        old.execute(f'DROP VIEW "{view}"')  # an older release's views: none read texts
    cols = ", ".join(f"a.{r[1]}" for r in old.execute("PRAGMA table_info(articles)") if r[1] != "text_id")
    old.executescript(f"""
        PRAGMA legacy_alter_table = ON; DROP TABLE texts_fts;
        CREATE TABLE old_articles AS SELECT {cols}, t.text FROM articles a JOIN texts t ON t.id = a.text_id;
        DROP TABLE articles; DROP TABLE texts;
        ALTER TABLE old_articles RENAME TO articles;
        CREATE VIRTUAL TABLE articles_fts USING FTS5 (title, text, content=articles);
        INSERT INTO articles_fts (rowid, title, text) SELECT rowid, title, text FROM articles;
        UPDATE schema_migrations SET name = 'derived:older:0' WHERE name LIKE 'derived:%';
    """)
    assert "text" in {r[1] for r in old.execute("PRAGMA table_info(articles)")}
    old.close()
    checked = run_cli("verify", "--db", db, "--tables")  # read-only: it says what the tables need
    assert checked.exit_code == 1 and "another release's shape" in checked.output
    assert "newsfacts rebuild" in checked.output and "rows missing" not in checked.output
    conn = connect(db)
    assert "text" not in {r[1] for r in conn.execute("PRAGMA table_info(articles)")}
    assert snapshot(conn) == before
    assert conn.execute("SELECT COUNT(*) FROM texts").fetchone()[0] == 1
    conn.execute("INSERT INTO texts_fts (texts_fts) VALUES ('integrity-check')")
    assert not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'articles_fts'").fetchone()


def test_a_claims_sentence_is_stored_once_as_a_span_of_its_text(tmp_path):
    """Claim rows keep where their sentence is in the shared text, not the sentence: every reader
    (the views, the full-text indexes, the claim page) reads it from `texts`, exactly as extracted."""
    db = _ingested_copies(tmp_path, 2)
    conn = connect(db)
    rows = conn.execute("SELECT q.id, q.sentence_text, q.sentence_start, s.sentence, t.text FROM quotes q "
                        "JOIN quote_sentences s ON s.rowid = q.rowid JOIN texts t ON t.id = q.text_id").fetchall()
    assert rows and all(r["sentence_text"] is None and r["sentence_start"] is not None for r in rows)
    assert all(r["sentence"] and r["sentence"] in r["text"] for r in rows)
    # the claims view gives the sentence the extractor gave, read back from the log
    payload = conn.execute("SELECT payload FROM events WHERE type = 'claims.extracted' ORDER BY seq LIMIT 1").fetchone()
    p = json.loads(payload[0])
    extracted = expand(p, rows[0]["text"])["quotes"]
    shown = [r[0] for r in conn.execute("SELECT sentence FROM claims WHERE claim = 'quote' AND article_id = ? "
                                        "ORDER BY start", (p["article_id"],))]
    assert extracted and shown == [q["sentence"] for q in sorted(extracted, key=lambda q: q["start"])]
    # a word of a quote's sentence that is not in the quote's own words is found by the search
    word = next(w for r in rows for w in r["sentence"].split() if w.isalpha() and len(w) > 5
                and w.lower() not in conn.execute("SELECT lower(text) FROM quotes WHERE id = ?", (r["id"],)).fetchone()[0])
    found = _get(_datasette(db), f"/archive/quotes.json?_search={word}&_shape=array").json()
    assert found and conn.execute("INSERT INTO quote_words_fts (quote_words_fts) VALUES ('integrity-check')") is not None
