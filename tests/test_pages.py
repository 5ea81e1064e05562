"""The reading room's pages, through Datasette's own client, on an archive of samples/: the article
page marks every claim where it stands and links it; claim, speaker and chart pages."""

from __future__ import annotations

import asyncio
import sqlite3
from html.parser import HTMLParser

import pytest
import yaml
from datasette.app import Datasette

from newsfacts.archive.db import connect

from .conftest import ROOT, run_cli

REVISED = "https://harbour-courier.example.invalid/2024/05/bridge-vote"


class Links(HTMLParser):
    """Every element with a data-claim-id, and every link."""

    def __init__(self):
        super().__init__()
        self.marks: list[dict] = []
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "data-claim-id" in a:
            self.marks.append({"tag": tag, **a})
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])


def parse(html: str) -> Links:
    p = Links()
    p.feed(html)
    return p


@pytest.fixture(scope="module")
def ds(samples_archive):
    return Datasette([str(samples_archive)], metadata=yaml.safe_load((ROOT / "metadata.yml").read_text("utf-8")))


def get(ds, path: str, status: int = 200):
    response = asyncio.run(ds.client.get(path))
    assert response.status_code == status, (path, response.status_code, response.text[:400])
    return response


def claims_of(conn, article_id: str) -> dict[str, str]:
    return {r[0]: r[1] for r in conn.execute(
        "SELECT id, 'quotes' FROM quotes WHERE article_id = :a UNION ALL SELECT id, 'figures' FROM figures "
        "WHERE article_id = :a UNION ALL SELECT id, 'dates' FROM dates WHERE article_id = :a", {"a": article_id})}


def test_the_article_page_marks_every_claim_with_a_working_link(ds, samples_archive):
    conn = connect(samples_archive)
    for (article_id,) in conn.execute("SELECT id FROM articles"):
        page = parse(get(ds, f"/archive/articles/{article_id}").text)
        want = claims_of(conn, article_id)
        marked = {m["data-claim-id"] for m in page.marks}
        assert marked == set(want), (article_id, set(want) - marked)
        anchors = {m["id"] for m in page.marks if "id" in m}
        assert anchors == {f"claim-{c}" for c in want}  # one place each, for the claim's row to link to
        for m in page.marks:
            if m["tag"] == "a":
                assert m["href"] == f"/archive/{want[m['data-claim-id']]}/{m['data-claim-id']}"
        for href in {m["href"] for m in page.marks if m["tag"] == "a"}:
            get(ds, href)


def test_the_article_page_reads_as_an_article(ds, samples_archive):
    conn = connect(samples_archive)
    art = conn.execute("SELECT * FROM articles WHERE url = ?", (REVISED,)).fetchone()
    html = get(ds, f"/archive/articles/{art['id']}").text
    assert f"<h1>{art['headline']}</h1>" in html and "The Harbour Courier (invented)" in html
    assert f'href="{REVISED}"' in html and f'datetime="{art["published"]}"' in html
    assert html.count('<p>') >= 6  # the text in paragraphs
    page = parse(html)
    speakers = {h for h in page.links if h.startswith("/archive/speakers/")}
    assert "/archive/speakers/ines-calder" in speakers
    for href in speakers:
        get(ds, href)
    # its revisions, claim by claim
    assert "changed" in html and "about $38 million" in html and "about $44 million" in html
    assert "samples/invented-harbour-bridge-vote-1.txt" in html or "invented-harbour-bridge-vote-1.txt" in html
    same = get(ds, f"/archive/articles/{art['id']}?from=2&to=2").text
    assert "No claim changed" in same
    assert get(ds, f"/archive/articles/{art['id']}.json").json()["rows"]  # the JSON is Datasette's own


def test_verdicts_show_on_the_article_and_the_claim(ds, samples_archive, tmp_path):
    db = tmp_path / "archive.db"
    with sqlite3.connect(db) as copy:
        sqlite3.connect(samples_archive).backup(copy)  # the WAL's pages too
    conn = connect(db)
    qid, aid = conn.execute("SELECT id, article_id FROM quotes WHERE speaker_id = 'ines-calder'").fetchone()
    assert run_cli("verdict", qid, "false", "--note", "invented check", "--db", db).exit_code == 0
    local = Datasette([str(db)], metadata=yaml.safe_load((ROOT / "metadata.yml").read_text("utf-8")))
    article = get(local, f"/archive/articles/{aid}").text
    assert "nf-verdict-false" in article and "invented check" in article
    claim = get(local, f"/archive/quotes/{qid}").text
    assert "invented check" in claim


def test_claim_pages_show_the_sentence_and_the_place(ds, samples_archive):
    conn = connect(samples_archive)
    for table in ("quotes", "figures", "dates"):
        row = conn.execute(f"SELECT id, article_id, sentence FROM {table[:-1]}_sentences WHERE sentence IS NOT NULL "
                           "LIMIT 1").fetchone()
        html = get(ds, f"/archive/{table}/{row['id']}").text
        assert 'class="nf-here"' in html or row["sentence"][:20] in html
        assert f'href="/archive/articles/{row["article_id"]}#claim-{row["id"]}"' in html
    figure = conn.execute("SELECT id, quote_id FROM figures WHERE quote_id IS NOT NULL").fetchone()
    html = get(ds, f"/archive/figures/{figure['id']}").text
    assert f'href="/archive/quotes/{figure["quote_id"]}"' in html  # a declared foreign key: a labelled link


def test_the_speaker_page_lists_quotes_over_time_with_a_chart(ds, samples_archive):
    conn = connect(samples_archive)
    quotes = conn.execute("SELECT COUNT(*), COUNT(DISTINCT article_id) FROM quotes WHERE speaker_id = 'ines-calder'"
                          ).fetchone()
    assert quotes[1] >= 3  # the samples quote her in several articles
    html = get(ds, "/archive/speakers/ines-calder").text
    assert "<h1>Ines Calder</h1>" in html
    assert html.count('href="/archive/quotes/') >= quotes[0]
    for outlet in ("The Harbour Courier (invented)", "Valley Evening Post (invented)", "Riverside Ledger (invented)"):
        assert outlet in html
    assert '<svg class="nf-chart"' in html and "<rect" in html and "2024-05: " in html


def test_figures_about_draws_values_over_time(ds):
    html = get(ds, "/archive/figures_about?word=bridge").text
    assert '<svg class="nf-chart"' in html and html.count("<circle") >= 3
    assert "<script src=\"http" not in html  # nothing fetched from elsewhere


def test_tables_fold_their_column_descriptions(ds):
    html = get(ds, "/archive/quotes").text
    assert "/-/static-plugins/newsfacts/newsfacts.js" in html and "column-descriptions" in html
    assert "details" in get(ds, "/-/static-plugins/newsfacts/newsfacts.js").text
    assert get(ds, "/-/static-plugins/newsfacts/newsfacts.css").status_code == 200


def test_the_seed_page_marks_every_claim_extract_finds(ds, samples_archive):
    import json

    seed = ROOT / "samples" / "new-caledonia-referendum-2021.txt"
    doc = json.loads(run_cli("extract", seed, "--format", "json").output)
    conn = connect(samples_archive)
    (article_id,) = conn.execute("SELECT id FROM articles WHERE source LIKE '%new-caledonia%'").fetchone()
    page = parse(get(ds, f"/archive/articles/{article_id}").text)
    marked = {m["data-claim-id"] for m in page.marks}
    for field, table in (("quotes", "quotes"), ("figures", "figures"), ("dates", "dates")):
        for claim in doc[field]:
            found = conn.execute(f"SELECT id FROM {table} WHERE article_id = ? AND text = ? AND start IS ?",
                                 (article_id, claim["text"], claim.get("start"))).fetchone()
            assert found and found[0] in marked, (field, claim["text"])


def test_a_private_archive_still_shows_its_article_pages(samples_archive):
    """With `private_originals` the log's payloads read as NULL: the article page still answers, and
    says the revisions cannot be compared rather than failing."""
    metadata = yaml.safe_load((ROOT / "metadata.yml").read_text("utf-8"))
    private = Datasette([str(samples_archive)], metadata={
        **metadata, "plugins": {"newsfacts-safety": {"private_originals": True}}})
    conn = connect(samples_archive)
    art = conn.execute("SELECT * FROM articles WHERE url = ?", (REVISED,)).fetchone()
    html = get(private, f"/archive/articles/{art['id']}").text
    assert f"<h1>{art['headline']}</h1>" in html
    assert "about $44 million" in html  # the text and its marks come from the tables, not the log
    assert "about $38 million" not in html  # the old revision's claims are in the log, hidden
