"""The archive as people use it: Datasette's pages and JSON API, with metadata.yml."""

from __future__ import annotations

import asyncio
import json

import pytest
import yaml
from datasette.app import Datasette

from newsfacts.archive.db import connect
from newsfacts.archive.serve import datasette_args, metadata_path

from .conftest import ROOT

TABLES = ["texts", "articles", "revisions", "extractions", "quotes", "figures", "dates", "speakers", "events",
          "sightings", "originals", "verdicts", "speaker_redirects", "checkpoints"]


@pytest.fixture
def metadata() -> dict:
    return yaml.safe_load((ROOT / "metadata.yml").read_text("utf-8"))


@pytest.fixture
def get(archive, metadata):
    ds = Datasette([str(archive)], metadata=metadata)

    def fetch(path: str):
        response = asyncio.run(ds.client.get(path))
        assert response.status_code == 200, (path, response.status_code, response.text[:300])
        return response.json()

    return fetch


def test_metadata_describes_every_table_and_column(archive, metadata):
    conn = connect(archive)
    described = metadata["databases"]["archive"]["tables"]
    for table in TABLES:
        assert described[table]["description"], table
        cols = [r[1] for r in conn.execute(f"PRAGMA table_info([{table}])")]
        assert set(cols) == set(described[table]["columns"]), table
    for key in ("title", "license", "source"):
        assert metadata[key]


def test_every_table_has_an_explicit_primary_key(archive):
    conn = connect(archive)
    for table in TABLES:
        pks = [r[1] for r in conn.execute(f"PRAGMA table_info([{table}])") if r[5]]
        assert pks, f"{table} has no primary key"


def test_tables_are_served_with_rows(get):
    for table in ["articles", "quotes", "figures", "dates", "speakers", "events"]:
        data = get(f"/archive/{table}.json?_shape=objects")
        assert "rows" in data
    arts = get("/archive/articles.json?_shape=array")
    assert len(arts) == 2
    row = get(f"/archive/articles/{arts[0]['id']}.json?_shape=array")
    assert row[0]["id"] == arts[0]["id"]


def test_facets_from_metadata(get):
    data = get("/archive/articles.json")
    facets = data["facet_results"]
    assert {"outlet", "month", "reader"} <= set(facets)
    months = {r["value"]: r["count"] for r in facets["month"]["results"]}
    assert months == {"2024-03": 1, "2021-12": 1}
    quote_facets = get("/archive/quotes.json")["facet_results"]
    assert {"speaker", "kind", "outlet"} <= set(quote_facets)
    assert "unit" in get("/archive/figures.json")["facet_results"]


def test_full_text_search_on_articles_and_quotes(get):
    found = get("/archive/articles.json?_search=barrier&_shape=array&_labels=on")
    assert len(found) == 1 and "barrier" in found[0]["text_id"]["label"]  # the text, stored once in texts
    assert get("/archive/articles.json?_search=zeppelin&_shape=array") == []
    quotes = get("/archive/quotes.json?_shape=array")
    if quotes:
        word = max(quotes[0]["text"].split(), key=len).strip(".,;:!?“”\"'")
        hits = get(f"/archive/quotes.json?_search={word}&_shape=array")
        assert any(q["id"] == quotes[0]["id"] for q in hits)


def test_named_queries(get, archive):
    conn = connect(archive)
    aid = conn.execute("SELECT id FROM articles WHERE published = '2024-03-18'").fetchone()[0]
    revisions = get(f"/archive/article_revisions.json?article_id={aid}&_shape=array")
    assert [r["revision"] for r in revisions] == [1]
    text = conn.execute("SELECT t.text FROM articles a JOIN texts t ON t.id = a.text_id WHERE a.id = ?",
                        (aid,)).fetchone()[0]
    assert revisions[0]["text"] == text  # the current revision shows the article's text, stored once in texts
    claims = get(f"/archive/article_claims.json?article_id={aid}&_shape=array")
    assert {c["claim"] for c in claims} >= {"date"}
    assert len(claims) == conn.execute(
        "SELECT (SELECT COUNT(*) FROM quotes WHERE article_id = :a) + (SELECT COUNT(*) FROM figures "
        "WHERE article_id = :a) + (SELECT COUNT(*) FROM dates WHERE article_id = :a)", {"a": aid}).fetchone()[0]
    for name in ["quotes_of_speaker?speaker=a", "figures_about?word=the", "claims_on_date?date=2024",
                 "speaker_quote_counts?"]:
        path, _, query = name.partition("?")
        assert isinstance(get(f"/archive/{path}.json?{query}&_shape=array"), list)


def test_quotes_of_a_speaker_across_the_archive(get, archive):
    conn = connect(archive)
    row = conn.execute("SELECT speaker_id, COUNT(*) FROM quotes WHERE speaker_id IS NOT NULL "
                       "GROUP BY speaker_id ORDER BY 2 DESC LIMIT 1").fetchone()
    if row is None:
        pytest.skip("no attributed quote yet")
    found = get(f"/archive/quotes_of_speaker.json?speaker={row[0]}&_shape=array")
    assert len(found) == row[1]


def test_serve_uses_the_metadata(tmp_path):
    args = datasette_args(tmp_path / "archive.db", ["--setting", "num_sql_threads", "2"])
    assert metadata_path().read_bytes() == (ROOT / "metadata.yml").read_bytes()  # package data
    assert args[args.index("--metadata") + 1] == str(metadata_path())
    assert args[-3:] == ["--setting", "num_sql_threads", "2"]  # the caller's options last


def test_an_archive_with_another_name_keeps_its_metadata(tmp_path):
    import json

    args = datasette_args(tmp_path / "news2024.db")
    meta = json.loads(open(args[args.index("--metadata") + 1], encoding="utf-8").read())
    assert list(meta["databases"]) == ["news2024"]
    assert meta["databases"]["news2024"]["tables"]["quotes"]["facets"]


def test_claims_about_a_date_and_figures_by_value(get):
    on_monday = get("/archive/claims_on_date.json?date=2024-03-18&_shape=array")
    assert any(c["claim"] == "quote" and "largest investment" in c["text"] for c in on_monday)
    in_march = get("/archive/claims_on_date.json?date=2024-03&_shape=array")
    assert len(in_march) >= len(on_monday)
    figures = get("/archive/figures.json?value__gt=100&_sort_desc=value&_shape=array")
    assert figures and all(f["value"] > 100 for f in figures)
    assert [f["value"] for f in figures] == sorted((f["value"] for f in figures), reverse=True)
    years = get("/archive/dates.json?_facet=year&_facet=month")["facet_results"]
    assert "2024" in {r["value"] for r in years["year"]["results"]}


def test_claims_as_of_reads_the_past_from_the_log(tmp_path, metadata):
    from .conftest import run_cli, write
    from .test_ingest import HEADER

    body = "The council approved about $45 million for the barrier on Sunday."
    src = write(tmp_path / "a", "story.txt", HEADER + body)
    db = tmp_path / "archive.db"
    assert run_cli("ingest", src, "--db", db).exit_code == 0
    conn = connect(db)
    (aid, first) = conn.execute("SELECT id, updated_at FROM articles").fetchone()
    write(tmp_path / "a", "story.txt", HEADER + body.replace("$45 million", "$60 million"))
    assert "1 revised" in run_cli("ingest", src, "--db", db).output
    ds = Datasette([str(db)], metadata=metadata)

    def figures_at(moment: str) -> list[str]:
        from urllib.parse import urlencode

        q = urlencode({"article_id": aid, "as_of": moment, "_shape": "array"})
        rows = asyncio.run(ds.client.get(f"/archive/claims_as_of.json?{q}")).json()
        return [r["text"] for r in rows if r["claim"] == "figure"]

    stored = [json.loads(p)["claims"]["figures"] for (p,) in conn.execute(
        "SELECT payload FROM events WHERE type = 'claims.extracted' ORDER BY seq")]
    assert stored and all("text" not in f for figures in stored for f in figures)  # read from the text
    assert figures_at(first) == ["about $45 million"]
    assert figures_at("9999-12-31") == ["about $60 million"]
    assert figures_at("2000-01-01") == []
