"""Claim groups: the same words of the same speaker across articles, suggestions people decide,
and published fact-checks read in and linked to the quotes they match."""

from __future__ import annotations

import json

import pytest

from newsfacts.archive.db import connect

from .conftest import run_cli, snapshot, write

QUOTE = "We will recognise the rights of every fisherman on this coast, and we will do it this year,"
ARTICLES = {
    "one.txt": ("Coast Courier", "2024-01-10", f"“{QUOTE}” said Marta Lindgren, the fisheries minister."),
    "two.txt": ("Harbour Voice", "2024-01-11", "Fisheries minister Marta Lindgren promised on Wednesday to "
                "“recognize the rights of every fisherman on this coast”."),
    "three.txt": ("Northern Tide", "2024-01-12", "Marta Lindgren, the fisheries minister, said the government "
                  "would recognise the rights of every fisherman on the coast this year."),
    "four.txt": ("Dock Post", "2024-01-13", f"“{QUOTE}” said Piet Anders, the union leader, mocking the minister."),
}


def _article(name: str) -> str:
    outlet, published, body = ARTICLES[name]
    slug = name.removesuffix(".txt")
    return (f"title: {outlet} on fishing rights\noutlet: {outlet}\npublished: {published}\n"
            f"url: https://{slug}.example/fishing\n---\n{body}\n")


@pytest.fixture
def fishing(tmp_path):
    folder = tmp_path / "in"
    for name in ARTICLES:
        write(folder, name, _article(name))
    db = tmp_path / "archive.db"
    assert run_cli("ingest", folder, "--db", db, "-q").exit_code == 0
    return db


def _groups(conn) -> dict[str, str]:
    return {r[0]: r[1] for r in conn.execute("SELECT outlet, group_id FROM quotes")}


def test_the_same_words_of_the_same_speaker_share_a_group(fishing):
    conn = connect(fishing)
    g = _groups(conn)
    assert g["Coast Courier"] == g["Harbour Voice"]  # direct and partial, spelling and truncation apart
    assert g["Northern Tide"] != g["Coast Courier"]  # a paraphrase is only suggested
    assert g["Dock Post"] != g["Coast Courier"]  # the same words from another speaker
    row = conn.execute("SELECT words, speaker_id, first_published, claims, articles FROM claim_groups WHERE id = ?",
                       (g["Coast Courier"],)).fetchone()
    assert tuple(row) == (QUOTE.rstrip(","), "marta-lindgren", "2024-01-10", 2, 2)
    assert all(r[0] for r in conn.execute("SELECT group_id FROM quotes"))  # every quote has a group


def test_an_unsure_group_is_a_suggestion_a_person_decides(fishing):
    conn = connect(fishing)
    g = _groups(conn)
    rows = json.loads(run_cli("groups", "suggestions", "--db", fishing).output)
    assert [(r["group_id"], r["text"][:15]) for r in rows] == [(g["Coast Courier"], "the government ")]
    claim = rows[0]["claim_id"]
    result = run_cli("groups", "confirm", claim, g["Coast Courier"], "--db", fishing)
    assert result.exit_code == 0, result.output
    assert _groups(conn)["Northern Tide"] == g["Coast Courier"]
    assert conn.execute("SELECT articles FROM claim_groups WHERE id = ?", (g["Coast Courier"],)).fetchone()[0] == 3
    before = snapshot(conn)
    assert run_cli("rebuild", "--db", fishing).exit_code == 0  # the decision is an event: it replays
    assert snapshot(connect(fishing)) == before
    assert run_cli("groups", "reject", claim, g["Coast Courier"], "--db", fishing).exit_code == 0
    assert _groups(conn)["Northern Tide"] == "g" + claim
    assert json.loads(run_cli("groups", "suggestions", "--db", fishing).output) == []
    assert run_cli("groups", "confirm", "nope", g["Coast Courier"], "--db", fishing).exit_code == 1


def test_a_speaker_merge_regroups_their_quotes(fishing):
    conn = connect(fishing)
    assert run_cli("speakers", "merge", "piet-anders", "marta-lindgren", "--db", fishing).exit_code == 0
    g = _groups(conn)
    assert g["Dock Post"] == g["Coast Courier"] == g["Harbour Voice"]
    assert run_cli("speakers", "split", "piet-anders", "--db", fishing).exit_code == 0
    g = _groups(conn)
    assert g["Dock Post"] != g["Coast Courier"] == g["Harbour Voice"]


def test_candidates_come_from_the_fingerprint_index(fishing):
    """No all-pairs loop: a wording's candidates are print look-ups, then wordings by key."""
    conn = connect(fishing)
    for sql in ("SELECT wording_id FROM quote_prints WHERE print IN (1, 2, 3)",
                "SELECT id, words FROM quote_wordings WHERE id IN (1, 2, 3)",
                "SELECT id FROM quote_wordings WHERE parent_id IN (1, 2)",
                "SELECT claim_id FROM claim_group_members WHERE wording_id = 1",
                "SELECT 1 FROM claim_group_members WHERE group_id = 'g' AND article_id = 'a'"):
        plan = [r[3] for r in conn.execute(f"EXPLAIN QUERY PLAN {sql}")]
        assert not any(step.startswith("SCAN") for step in plan), (sql, plan)


REVIEW = {
    "@context": "https://schema.org", "@type": "ClaimReview",
    "url": "https://checkers.example/lindgren-fishing-rights",
    "claimReviewed": "We will recognise the rights of every fisherman on this coast this year",
    "author": {"@type": "Organization", "name": "Invented Checkers"},
    "datePublished": "2024-01-15",
    "reviewRating": {"@type": "Rating", "ratingValue": 2, "bestRating": 5, "worstRating": 1,
                     "alternateName": "Mostly false"},
    "itemReviewed": {"@type": "Claim", "author": {"@type": "Person", "name": "Marta Lindgren"},
                     "appearance": [{"@type": "CreativeWork", "url": "https://one.example/fishing"}]},
}


def test_imported_claimreviews_link_to_the_quotes_they_match(fishing, tmp_path):
    conn = connect(fishing)
    other = {**REVIEW, "url": "https://checkers.example/anders", "claimReviewed": "Something else entirely said",
             "itemReviewed": {"@type": "Claim", "author": {"@type": "Person", "name": "Piet Anders"}}}
    page = write(tmp_path, "page.html", "<html><head><script type=\"application/ld+json\">"
                 + json.dumps([REVIEW, other]) + "</script></head><body>fact check</body></html>")
    result = run_cli("import", "claimreview", page, "--db", fishing)
    assert result.exit_code == 0, result.output
    assert "2 reviews" in result.output
    linked = {r[0] for r in conn.execute(
        "SELECT q.outlet FROM claim_review_links l JOIN quotes q ON q.id = l.quote_id")}
    assert linked == {"Coast Courier", "Harbour Voice", "Northern Tide"}  # Lindgren's, not Anders's
    qid = conn.execute("SELECT id FROM quotes WHERE outlet = 'Coast Courier'").fetchone()[0]
    shown = json.loads(run_cli("verdicts", qid, "--db", fishing).output)["checked_by"]
    assert [(r["publisher"], r["rating"]) for r in shown] == [("Invented Checkers", "Mostly false")]
    assert run_cli("import", "claimreview", page, "--db", fishing).output.strip().endswith("already imported")


@pytest.mark.parametrize("author, linked", [
    ("Lindgren", True),  # a surname alone: the archive knows one Lindgren
    ("M. Lindgren", True),  # an initial
    ("Minister Marta Lindgren", True),  # a title
    ("Karin Lindgren", False),  # another given name is another person
])
def test_a_review_author_is_resolved_as_speaker_identity_resolves_names(fishing, tmp_path, author, linked):
    review = {**REVIEW, "itemReviewed": {"@type": "Claim", "author": {"@type": "Person", "name": author}}}
    assert run_cli("import", "claimreview", write(tmp_path, "r.json", json.dumps(review)), "--db", fishing).exit_code == 0
    conn = connect(fishing)
    got = {r[0] for r in conn.execute("SELECT q.outlet FROM claim_review_links l JOIN quotes q ON q.id = l.quote_id")}
    assert got == ({"Coast Courier", "Harbour Voice", "Northern Tide"} if linked else set())
    sid = conn.execute("SELECT speaker_id FROM claim_reviews").fetchone()[0]
    assert sid == ("marta-lindgren" if linked else None)


def test_a_review_by_surname_links_to_an_article_ingested_later(tmp_path):
    db = tmp_path / "archive.db"
    write(tmp_path / "in", "one.txt", _article("one.txt"))
    assert run_cli("ingest", tmp_path / "in", "--db", db, "-q").exit_code == 0
    review = {**REVIEW, "itemReviewed": {"@type": "Claim", "author": {"@type": "Person", "name": "Lindgren"}}}
    assert run_cli("import", "claimreview", write(tmp_path, "r.json", json.dumps(review)), "--db", db).exit_code == 0
    write(tmp_path / "later", "two.txt", _article("two.txt"))
    assert run_cli("ingest", tmp_path / "later", "--db", db, "-q").exit_code == 0
    conn = connect(db)
    got = {r[0] for r in conn.execute("SELECT q.outlet FROM claim_review_links l JOIN quotes q ON q.id = l.quote_id")}
    assert got == {"Coast Courier", "Harbour Voice"}


def test_a_review_imported_first_links_to_articles_ingested_later(tmp_path):
    db = tmp_path / "archive.db"
    review = write(tmp_path, "review.json", json.dumps(REVIEW))
    assert run_cli("import", "claimreview", review, "--db", db).exit_code == 0
    write(tmp_path / "in", "one.txt", _article("one.txt"))
    assert run_cli("ingest", tmp_path / "in", "--db", db, "-q").exit_code == 0
    conn = connect(db)
    assert conn.execute("SELECT COUNT(*) FROM claim_review_links").fetchone()[0] == 1


@pytest.mark.parametrize("content, reason", [
    ('{"@type": "ClaimReview", "claimReviewed": "x",', "not valid JSON"),
    ('[{"@type": "ClaimReview", "url": "https://x.example"}]', "review 1: no claimReviewed"),
    ('{"@type": "NewsArticle", "headline": "no review here"}', "no ClaimReview in it"),
    ("<html><body>nothing</body></html>", "neither JSON-LD nor an HTML page with JSON-LD"),
    ('[{"@type": "ClaimReview", "claimReviewed": "a b c", "reviewRating": {"ratingValue": "high"}}]',
     "ratingValue 'high' is not a number"),
])
def test_a_malformed_claimreview_file_stores_nothing(fishing, tmp_path, content, reason):
    conn = connect(fishing)
    before = conn.execute("SELECT COUNT(*) FROM events").fetchone()[0]
    bad = write(tmp_path, "bad.json", json.dumps(REVIEW)[:0] + content)
    result = run_cli("import", "claimreview", bad, "--db", fishing)
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: {bad}: ") and reason in lines[0], lines
    assert conn.execute("SELECT COUNT(*) FROM events").fetchone()[0] == before


def test_an_articles_facts_name_its_other_appearances_and_reviews(fishing, tmp_path):
    conn = connect(fishing)
    assert run_cli("import", "claimreview", write(tmp_path, "r.json", json.dumps(REVIEW)), "--db", fishing).exit_code == 0
    aid, qid = conn.execute("SELECT article_id, id FROM quotes WHERE outlet = 'Coast Courier'").fetchone()
    assert run_cli("verdict", qid, "mostly-false", "--db", fishing).exit_code == 0
    facts = json.loads(run_cli("facts", aid, "--db", fishing).output)
    assert [a["outlet"] for a in facts["elsewhere"][qid]] == ["Harbour Voice"]
    assert [(r["claim_id"], r["publisher"]) for r in facts["checked_by"]] == [(qid, "Invented Checkers")]
    assert [(v["claim_id"], v["verdict"]) for v in facts["verdicts"]] == [(qid, "mostly-false")]
    assert run_cli("facts", "nope", "--db", fishing).exit_code == 1
