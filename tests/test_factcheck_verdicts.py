"""Verdicts on a rating scale and their ClaimReview export, on real archives built with the CLI."""

from __future__ import annotations

import asyncio
import json

import yaml
from datasette.app import Datasette

from newsfacts.archive import log
from newsfacts.archive.db import connect, transaction
from newsfacts.archive.rebuild import rebuild

from .conftest import ROOT, run_cli, snapshot

LECORNU = "Whatever the participation rate, legally speaking"

# schema.org ClaimReview as Google's fact-check markup documents it: required, then recommended.
REQUIRED = [("claimReviewed",), ("reviewRating", "alternateName"), ("url",), ("author", "name")]
RECOMMENDED = [("datePublished",), ("itemReviewed", "@type"), ("itemReviewed", "author", "name"),
               ("itemReviewed", "author", "@type"), ("itemReviewed", "datePublished"),
               ("itemReviewed", "appearance"), ("itemReviewed", "firstAppearance"),
               ("reviewRating", "ratingValue"), ("reviewRating", "bestRating"), ("reviewRating", "worstRating")]


def _lecornu(conn) -> str:
    return conn.execute("SELECT id FROM quotes WHERE text LIKE ?", (LECORNU + "%",)).fetchone()[0]


def _get(obj, path):
    for key in path:
        obj = obj[key]
    return obj


def test_verdicts_supersede_per_actor_and_keep_history(conn, archive):
    qid = _lecornu(conn)
    assert run_cli("verdict", qid, "mostly true", "--actor", "alice", "--db", archive).exit_code == 0
    assert run_cli("verdict", qid, "TRUE", "--actor", "alice", "--note", "checked the law", "--db", archive).exit_code == 0
    assert run_cli("verdict", qid, "half-true", "--actor", "bob", "--db", archive).exit_code == 0
    current = conn.execute("SELECT actor, verdict, rating_value, best_rating, worst_rating, alternate_name, "
                           "speaker_id, quote_id FROM verdicts ORDER BY actor").fetchall()
    assert [tuple(r) for r in current] == [("alice", "true", 5, 5, 1, "True", "sebastien-lecornu", qid),
                                           ("bob", "half-true", 3, 5, 1, "Half true", "sebastien-lecornu", qid)]
    history = conn.execute("SELECT actor, verdict, superseded_by FROM verdict_history ORDER BY event_seq").fetchall()
    assert [r[:2] for r in history] == [("alice", "mostly-true"), ("alice", "true"), ("bob", "half-true")]
    assert history[0][2] is not None and history[1][2] is None and history[2][2] is None
    assert conn.execute("SELECT COUNT(*) FROM events WHERE type = 'verdict.recorded'").fetchone()[0] == 3
    out = json.loads(run_cli("verdicts", qid, "--db", archive).output)
    assert len(out["current"]) == 2 and len(out["history"]) == 3


def test_unknown_rating_and_unknown_claim_are_refused(conn, archive):
    qid = _lecornu(conn)
    before = conn.execute("SELECT COUNT(*) FROM events").fetchone()[0]
    result = run_cli("verdict", qid, "pants on fire!!", "--db", archive)
    assert result.exit_code == 1
    assert "unknown rating 'pants on fire!!'" in result.output
    assert "true, mostly-true, half-true, mostly-false, false" in result.output
    result = run_cli("verdict", "no-such-claim", "true", "--db", archive)
    assert result.exit_code == 1 and "no quote, figure or date 'no-such-claim'" in result.output
    assert conn.execute("SELECT COUNT(*) FROM events").fetchone()[0] == before


def test_a_ratings_file_replaces_the_scale(conn, archive):
    (archive.parent / "scale.csv").write_text("# three-step scale\ncorrect,2,Correct\nmisleading,1,Misleading\n"
                                              "pants-on-fire,0,Pants on fire\n", encoding="utf-8")
    (archive.parent / "newsfacts.toml").write_text('[factcheck]\nratings = "scale.csv"\n', encoding="utf-8")
    fid = conn.execute("SELECT id FROM figures WHERE text = '56.13%'").fetchone()[0]
    assert run_cli("verdict", fid, "pants on fire", "--db", archive).exit_code == 0
    row = conn.execute("SELECT verdict, rating_value, best_rating, worst_rating FROM verdicts").fetchone()
    assert tuple(row) == ("pants-on-fire", 0, 2, 0)
    result = run_cli("verdict", fid, "true", "--db", archive)
    assert result.exit_code == 1 and "correct, misleading, pants-on-fire" in result.output


def test_the_ratings_table_shows_the_scale_in_force(conn, archive):
    """The default scale is there from the start; a ratings file that replaces it is recorded (an
    event) before the first verdict on it, or by `newsfacts ratings`, once; Datasette reads it, and
    a rebuild gives it back."""
    qid = _lecornu(conn)
    ds = Datasette([str(archive)])
    rows = asyncio.run(ds.client.get("/archive/ratings.json?_shape=array&_sort=position")).json()
    assert [(r["name"], r["rating_value"], r["best_rating"], r["worst_rating"], r["alternate_name"]) for r in rows][:2] \
        == [("true", 5, 5, 1, "True"), ("mostly-true", 4, 5, 1, "Mostly true")]
    assert run_cli("verdict", qid, "true", "--db", archive).exit_code == 0
    assert conn.execute("SELECT COUNT(*) FROM events WHERE type = 'ratings.scale_set'").fetchone()[0] == 0
    (archive.parent / "scale.csv").write_text("correct,2,Correct\nmisleading,1,Misleading\n", encoding="utf-8")
    (archive.parent / "newsfacts.toml").write_text('[factcheck]\nratings = "scale.csv"\n', encoding="utf-8")
    before = conn.execute("SELECT COUNT(*) FROM events").fetchone()[0]
    assert run_cli("verdict", "nope", "correct", "--db", archive).exit_code == 1
    assert conn.execute("SELECT COUNT(*) FROM events").fetchone()[0] == before  # refused: nothing appended
    assert run_cli("verdict", qid, "misleading", "--db", archive).exit_code == 0
    assert run_cli("verdict", qid, "correct", "--db", archive).exit_code == 0
    assert conn.execute("SELECT COUNT(*) FROM events WHERE type = 'ratings.scale_set'").fetchone()[0] == 1
    rows = asyncio.run(ds.client.get("/archive/ratings.json?_shape=array")).json()
    assert {r["name"]: r["source"].endswith("scale.csv") for r in rows} == {"correct": True, "misleading": True}
    shown = json.loads(run_cli("ratings", "--db", archive).output)
    assert [r["name"] for r in shown["ratings"]] == ["correct", "misleading"] and shown["recorded"] is None
    (archive.parent / "newsfacts.toml").unlink()  # back to the default scale: recorded again
    assert json.loads(run_cli("ratings", "--db", archive).output)["recorded"]
    assert [r[0] for r in conn.execute("SELECT name FROM ratings ORDER BY position")][:1] == ["true"]
    snap = snapshot(conn)
    rebuild(conn)
    assert snapshot(conn) == snap


def test_version_1_verdicts_still_replay(conn, archive):
    """A verdict.recorded event of schema version 1 (free-text `verdict`) is upcast on replay."""
    qid = _lecornu(conn)
    payload = log.canonical({"claim_id": qid, "claim_table": "quotes", "verdict": "misleading", "note": None})
    with transaction(conn):
        last = conn.execute("SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1").fetchone()
        seq, at = last[0] + 1, "2022-01-01T00:00:00.000000+00:00"
        digest = log.event_hash(seq, f"claim:{qid}", 1, "verdict.recorded", 1, payload, at, "old-tool", last[1])
        conn.execute("INSERT INTO events VALUES (?, ?, 1, 'verdict.recorded', 1, ?, ?, 'old-tool', ?, ?)",
                     (seq, f"claim:{qid}", payload, at, last[1], digest))
    rebuild(conn)
    row = conn.execute("SELECT verdict, rating_value, actor FROM verdicts").fetchone()
    assert tuple(row) == ("misleading", None, "old-tool")
    assert run_cli("verify", "--db", archive).exit_code == 0
    assert run_cli("verdict", qid, "false", "--actor", "old-tool", "--db", archive).exit_code == 0
    assert [r[0] for r in conn.execute("SELECT verdict FROM verdicts")] == ["false"]
    review = json.loads(run_cli("export", "claimreview", "--db", archive).output)
    assert review[0]["reviewRating"]["alternateName"] == "False"


def test_claimreview_export_of_the_lecornu_quote(conn, archive, monkeypatch):
    monkeypatch.setenv("NEWSFACTS_ORGANIZATION", "Invented Fact Desk")
    monkeypatch.setenv("NEWSFACTS_ORGANIZATION_URL", "https://factdesk.example")
    qid = _lecornu(conn)
    result = run_cli("verdict", qid, "mostly-true", "--url", "https://factdesk.example/lecornu", "--note",
                     "The vote is legally binding whatever the turnout.", "--db", archive)
    assert result.exit_code == 0, result.output
    reviews = json.loads(run_cli("export", "claimreview", "--db", archive).output)  # plain json.loads
    assert isinstance(reviews, list) and len(reviews) == 1
    r = reviews[0]
    assert r["@context"] == "https://schema.org" and r["@type"] == "ClaimReview"
    for path in REQUIRED + RECOMMENDED:
        assert _get(r, path) not in (None, "", []), path
    assert r["claimReviewed"].startswith(LECORNU)
    assert r["itemReviewed"]["author"] == {"@type": "Person", "name": "Sébastien Lecornu"}
    assert r["itemReviewed"]["datePublished"] == "2021-12-13"
    article = conn.execute("SELECT source FROM articles WHERE published = '2021-12-13'").fetchone()[0]
    assert [a["url"] for a in r["itemReviewed"]["appearance"]] == [article]
    assert r["itemReviewed"]["firstAppearance"]["url"] == article
    assert r["reviewRating"] == {"@type": "Rating", "alternateName": "Mostly true", "ratingValue": 4,
                                 "bestRating": 5, "worstRating": 1}
    assert r["author"] == {"@type": "Organization", "name": "Invented Fact Desk", "url": "https://factdesk.example"}
    assert r["url"] == "https://factdesk.example/lecornu"
    later = run_cli("export", "claimreview", "--since", "2999-01-01", "--db", archive).output
    assert json.loads(later) == []


def test_verdicts_show_on_the_claim_and_speaker_pages(conn, archive):
    qid = _lecornu(conn)
    assert run_cli("verdict", qid, "true", "--db", archive).exit_code == 0
    metadata = yaml.safe_load((ROOT / "metadata.yml").read_text("utf-8"))
    ds = Datasette([str(archive)], metadata=metadata)
    for path, link in ((f"/archive/quotes/{qid}", "1 row</a> from quote_id in verdicts"),
                       ("/archive/speakers/sebastien-lecornu", "1 row</a> from speaker_id in verdicts")):
        page = asyncio.run(ds.client.get(path))
        assert page.status_code == 200 and link in " ".join(page.text.split()), path
    rows = asyncio.run(ds.client.get("/archive/verdicts.json?speaker_id=sebastien-lecornu&_shape=array")).json()
    assert [r["verdict"] for r in rows] == ["true"]


def test_rebuild_reproduces_the_fact_store(conn, archive):
    qid = _lecornu(conn)
    for rating, actor in (("false", "a"), ("true", "a"), ("half-true", "b")):
        assert run_cli("verdict", qid, rating, "--actor", actor, "--db", archive).exit_code == 0
    before = snapshot(conn)
    assert before["verdict_history"] and before["checks"] and before["claim_groups"]
    assert run_cli("rebuild", "--db", archive).exit_code == 0
    assert snapshot(connect(archive)) == before
