"""Each distinct wording of a claim indexed once (schema/tables.sql: quote_words, figure_words,
date_words): a wire story's copies share one entry of each claim's full-text index, and a search
of quotes, figures or dates still finds every claim row whose words match, page by page, through
Datasette's own fts_table and fts_pk (metadata.yml)."""

from __future__ import annotations

import asyncio
import re
import sqlite3

import yaml
from datasette.app import Datasette

from newsfacts.archive.db import FTS_TABLES, connect

from .conftest import ROOT, claim_matches, run_cli, snapshot
from .test_copies import _ingested_copies

WORDS = {"quotes": "quote_words", "figures": "figure_words", "dates": "date_words"}


def _datasette(db) -> Datasette:
    return Datasette([str(db)], metadata=yaml.safe_load((ROOT / "metadata.yml").read_text("utf-8")))


def _get(ds: Datasette, path: str):
    response = asyncio.run(ds.client.get(path))
    assert response.status_code == 200, (path, response.status_code, response.text[:300])
    return response


def _paged(ds: Datasette, path: str) -> list[str]:
    """Every row id `next` leads through, page after page."""
    seen = []
    while path:
        page = _get(ds, path).json()
        seen += [r["id"] for r in page["rows"]]
        path = page["next_url"] and page["next_url"].replace("http://localhost", "")
    return seen


def _a_word(conn: sqlite3.Connection, table: str) -> str:
    """A word of one of the table's claims (its words or its sentence)."""
    view = {"quotes": "quote_sentences", "figures": "figure_sentences", "dates": "date_sentences"}[table]
    sentence = conn.execute(f"SELECT sentence FROM {view} WHERE sentence IS NOT NULL ORDER BY id LIMIT 1").fetchone()[0]
    return max(re.findall(r"[A-Za-z]{4,}", sentence), key=len)


def _no_stray_wordings(conn: sqlite3.Connection) -> None:
    for table, words in WORDS.items():
        assert not conn.execute(f"SELECT 1 FROM {table} WHERE words_id IS NULL "
                                f"OR words_id NOT IN (SELECT id FROM {words})").fetchone(), table
        assert not conn.execute(f"SELECT 1 FROM {words} WHERE id NOT IN (SELECT words_id FROM {table})").fetchone(), words
        conn.execute(f"INSERT INTO [{words}_fts]([{words}_fts]) VALUES ('integrity-check')")


def test_copies_share_each_wording_and_a_search_lists_every_copys_claims(tmp_path):
    db = _ingested_copies(tmp_path, 3)
    conn = connect(db)
    ds = _datasette(db)
    for table, words in WORDS.items():
        rows = conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
        one = conn.execute(f"SELECT COUNT(*) FROM {table} WHERE article_id = (SELECT MIN(article_id) FROM {table})"
                           ).fetchone()[0]
        assert rows == 4 * one > 0, table  # the article and its three copies
        assert conn.execute(f"SELECT COUNT(*) FROM {words}").fetchone()[0] <= one, table
        word = _a_word(conn, table)
        want = claim_matches(conn, table, word)
        assert want and len(want) % 4 == 0, (table, word)
        found = _get(ds, f"/archive/{table}.json?_search={word}").json()
        assert found["filtered_table_rows_count"] == len(want), table
        assert sorted(_paged(ds, f"/archive/{table}.json?_search={word}&_size=1&_shape=objects")) == want, table
        assert sorted(_paged(ds, f"/archive/{table}.json?_search={word}&_size=3&_shape=objects&_sort=id")) == want
        assert _get(ds, f"/archive/{table}.json?_search=zeppelin&_shape=array").json() == []
    speaker = conn.execute("SELECT speaker FROM quotes WHERE speaker IS NOT NULL ORDER BY id LIMIT 1").fetchone()[0]
    surname = speaker.split()[-1]
    by_name = _paged(ds, f"/archive/quotes.json?_search={surname}&_size=5&_shape=objects")
    assert sorted(by_name) == claim_matches(conn, "quotes", f'"{surname}"') != []
    _no_stray_wordings(conn)


def test_the_search_query_lists_each_copys_claims(tmp_path):
    db = _ingested_copies(tmp_path, 2)
    conn = connect(db)
    word = _a_word(conn, "quotes")
    rows = _get(_datasette(db), f"/archive/search.json?q={word}&_shape=array").json()
    quotes = sorted(r["id"] for r in rows if r["kind"] == "quote")
    assert quotes == claim_matches(conn, "quotes", word) != []
    assert all(word.lower() in (r["text"] + " " + (r["sentence"] or "")).lower() for r in rows if r["kind"] != "article")


def test_a_renamed_speaker_and_a_merge_move_the_quotes_to_their_new_wordings(tmp_path):
    """A quote's wording holds its speaker's name: when a merge renames the speaker of some copies'
    quotes, those rows get a wording of the new name, the old one goes with its last row, and the
    tables equal a rebuild's."""
    db = _ingested_copies(tmp_path, 2)
    conn = connect(db)
    speakers = [r[0] for r in conn.execute(
        "SELECT speaker_id FROM quotes WHERE speaker_id IS NOT NULL GROUP BY speaker_id ORDER BY COUNT(*) DESC LIMIT 2")]
    assert len(speakers) == 2
    before = conn.execute("SELECT COUNT(*) FROM quotes WHERE speaker_id = ?", (speakers[0],)).fetchone()[0]
    conn.close()
    assert run_cli("speakers", "merge", speakers[0], speakers[1], "--db", db).exit_code == 0
    conn = connect(db)
    keep_name = conn.execute("SELECT name FROM speakers WHERE id = ?", (speakers[1],)).fetchone()[0]
    moved = [r[0] for r in conn.execute("SELECT id FROM quotes WHERE speaker = ? AND speaker_id = ? AND speaker_key = ?",
                                        (keep_name, speakers[1], speakers[0]))]
    assert len(moved) == before > 0
    _no_stray_wordings(conn)
    surname = keep_name.split()[-1]
    assert set(moved) <= set(claim_matches(conn, "quotes", f'"{surname}"'))
    found = _paged(_datasette(db), f"/archive/quotes.json?_search=%22{surname}%22&_size=4&_shape=objects")
    assert sorted(found) == claim_matches(conn, "quotes", f'"{surname}"')
    incremental = snapshot(conn)
    assert run_cli("rebuild", "--db", db).exit_code == 0
    assert snapshot(connect(db)) == incremental


def test_an_archive_of_the_old_shape_is_replayed_into_wordings_when_opened(tmp_path):
    """An archive written when each claim row had its own full-text entry (quotes_fts over
    quote_sentences, no words_id) is replayed into today's shape by the first writer that opens it."""
    db = _ingested_copies(tmp_path, 2)
    conn = connect(db)
    before = snapshot(conn)
    conn.close()
    old = sqlite3.connect(db)
    for words in WORDS.values():
        old.execute(f"DROP TABLE [{words}_fts]")
    for (kind, name) in old.execute("SELECT type, name FROM sqlite_master WHERE type IN ('view', 'trigger', 'index') "
                                    "AND (name LIKE '%words%')").fetchall():
        old.execute(f'DROP {kind.upper()} IF EXISTS "{name}"')
    for table, words in WORDS.items():
        old.execute(f"DROP TABLE {words}")
        old.execute(f"ALTER TABLE {table} DROP COLUMN words_id")
    old.executescript("""
        CREATE VIRTUAL TABLE quotes_fts USING FTS5 (text, speaker, sentence, content=quote_sentences);
        INSERT INTO quotes_fts (rowid, text, speaker, sentence) SELECT rowid, text, speaker, sentence FROM quote_sentences;
        UPDATE schema_migrations SET name = 'derived:older:0' WHERE name LIKE 'derived:%';
    """)
    old.close()
    checked = run_cli("verify", "--db", db, "--tables")  # read-only: it says what the tables need
    assert checked.exit_code == 1 and "another release's shape" in checked.output
    conn = connect(db)
    assert snapshot(conn) == before
    assert not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'quotes_fts'").fetchone()
    assert set(WORDS.values()) <= set(FTS_TABLES)
    _no_stray_wordings(conn)
