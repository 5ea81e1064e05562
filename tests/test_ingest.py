"""Ingest: idempotence, revisions, re-extraction, history, and bad input that loses nothing."""

from __future__ import annotations

import json

from newsfacts.archive.db import connect
from newsfacts.archive.store import record
from newsfacts.ingest.extract import EXTRACTOR_VERSION, extract
from newsfacts.ingest.sources import read_path

from .conftest import run_cli, snapshot, write
from .texts import SAMPLE, article

HEADER = """title: Harbour barrier approved
url: https://news.example.org/harbour-barrier
outlet: Example Gazette
published: 2024-03-18
---
"""


def count(conn, sql="SELECT COUNT(*) FROM events"):
    return conn.execute(sql).fetchone()[0]


def test_sample_is_ingested_into_tables(conn):
    arts = conn.execute("SELECT a.*, t.text FROM articles a JOIN texts t ON t.id = a.text_id ORDER BY published").fetchall()
    assert len(arts) == 2
    sample = next(a for a in arts if a["published"] == "2024-03-18")
    assert sample["revision"] == 1 and sample["words"] > 50
    assert sample["text"].startswith("Harbour city council")
    assert sample["month"] == "2024-03"
    assert count(conn, "SELECT COUNT(*) FROM dates WHERE dateline = 1") == 2


def test_reingesting_the_same_articles_appends_nothing(archive, articles_dir):
    conn = connect(archive)
    before, snap = count(conn), snapshot(conn)
    result = run_cli("ingest", articles_dir, "--db", archive)
    assert result.exit_code == 0
    assert "0 ingested" in result.output and "2 unchanged" in result.output
    assert count(conn) == before
    assert snapshot(conn) == snap


def test_changed_text_appends_a_revision_and_keeps_history(tmp_path):
    db = tmp_path / "archive.db"
    src = write(tmp_path / "in", "barrier.txt", HEADER + SAMPLE.split(" ", 2)[2])
    assert run_cli("ingest", src, "--db", db).exit_code == 0
    conn = connect(db)
    (aid,) = conn.execute("SELECT id FROM articles").fetchone()
    first_seq = count(conn, "SELECT MAX(seq) FROM events")

    # the outlet updates the story at the same URL: a revision, not a new article
    moved = tmp_path / "in2" / "barrier-updated.txt"
    write(moved.parent, moved.name, HEADER + SAMPLE.split(" ", 2)[2].replace("about $45 million", "about $52 million"))
    result = run_cli("ingest", moved, "--db", db)
    assert result.exit_code == 0 and "1 revised" in result.output

    assert count(conn, "SELECT COUNT(*) FROM articles") == 1
    art = conn.execute("SELECT a.revision, t.text FROM articles a JOIN texts t ON t.id = a.text_id").fetchone()
    assert art["revision"] == 2 and "$52 million" in art["text"]
    revs = conn.execute("SELECT r.revision, t.text, t.id = a.text_id FROM revisions r JOIN texts t ON "
                        "t.sha256 = r.text_sha256 JOIN articles a ON a.id = r.article_id WHERE article_id = ? "
                        "ORDER BY r.revision", (aid,)).fetchall()
    assert [r[0] for r in revs] == [1, 2]
    assert "$45 million" in revs[0][1] and "$52 million" in revs[1][1]
    assert [r[2] for r in revs] == [0, 1]  # each text is stored once, in texts; the article names the current one
    types = [r[0] for r in conn.execute("SELECT type FROM events WHERE stream = ? ORDER BY version", (f"article:{aid}",))]
    assert types[:2] == ["article.revised", "claims.extracted"]
    assert types.count("article.revised") == 2 and types.count("claims.extracted") == 2
    # only the current revision's claims are in the claim tables
    assert {r[0] for r in conn.execute("SELECT revision FROM quotes UNION SELECT revision FROM dates")} == {2}

    # what the archive knew before the revision
    old = run_cli("history", aid, "--db", db, "--as-of", str(first_seq))
    assert old.exit_code == 0
    state = json.loads(old.output)
    assert state["article"]["revision"] == 1 and len(state["revisions"]) == 1
    now = json.loads(run_cli("history", aid, "--db", db).output)
    assert [r["revision"] for r in now["revisions"]] == [1, 2]
    assert len(now["extractions"]) == 2


def test_a_new_extractor_version_appends_extraction_events(tmp_path):
    db = tmp_path / "archive.db"
    path = write(tmp_path, "a.txt", SAMPLE)
    conn = connect(db)
    (article,) = read_path(path)
    claims = extract(article)
    assert record(conn, article, claims, EXTRACTOR_VERSION).status == "ingested"
    assert record(conn, article, claims, EXTRACTOR_VERSION).status == "unchanged"
    newer = claims.model_copy(update={"extractor": "test-2"})
    assert record(conn, article, newer, "test-2").status == "reextracted"
    rows = conn.execute("SELECT extractor FROM extractions ORDER BY event_seq").fetchall()
    assert [r[0] for r in rows] == [EXTRACTOR_VERSION, "test-2"]
    assert conn.execute("SELECT extractor FROM articles").fetchone()[0] == "test-2"
    assert count(conn, "SELECT COUNT(*) FROM events WHERE type = 'claims.extracted'") == 2


def test_same_content_at_another_address_is_a_sighting(tmp_path):
    db = tmp_path / "archive.db"
    a = write(tmp_path / "one", "story.txt", SAMPLE)
    b = write(tmp_path / "two", "copy.txt", SAMPLE)
    result = run_cli("ingest", a, b, "--db", db)
    assert "1 ingested" in result.output and "1 sighted" in result.output
    conn = connect(db)
    assert count(conn, "SELECT COUNT(*) FROM articles") == 1
    assert count(conn, "SELECT COUNT(*) FROM sightings") == 2


BAD = {
    "empty.txt": b"",
    "blank.txt": b"   \n\n  ",
    "binary.txt": bytes(range(256)) * 8,
    "invalid.txt": "date 2024-01-02 The café “reopened” on Monday.".encode() + b" \xff\xfe\xc3\x28 broken",
    "impossible-date.txt": "date 2021-02-30 The council met.".encode(),
}


def test_bad_files_are_reported_and_the_rest_ingested(tmp_path):
    folder = tmp_path / "batch"
    write(folder, "good.txt", SAMPLE)
    for name, data in BAD.items():
        write(folder, name, data)
    big = folder / "huge.txt"
    with big.open("w", encoding="utf-8") as f:
        f.write("date 2024-01-01 ")
        for _ in range(30 * 1024):
            f.write("word " * 205 + "\n")  # ~30 MB
    db = tmp_path / "archive.db"
    result = run_cli("ingest", folder, "--db", db)
    assert result.exit_code == 1
    errors = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert len(errors) == len(BAD) + 1
    for name in [*BAD, "huge.txt"]:
        assert any(name in e for e in errors), name
    assert any("empty" in e for e in errors if "empty.txt" in e)
    assert any("2021-02-30" in e for e in errors)
    assert any("too large" in e for e in errors if "huge.txt" in e)
    assert "1 ingested" in result.output and f"{len(BAD) + 1} failed" in result.output
    conn = connect(db)
    assert count(conn, "SELECT COUNT(*) FROM articles") == 1
    sources = [r[0] for r in conn.execute("SELECT source FROM sightings")]
    assert all("good.txt" in s for s in sources)


def test_missing_file_is_a_clear_error(tmp_path):
    result = run_cli("ingest", tmp_path / "nope.txt", "--db", tmp_path / "a.db")
    assert result.exit_code != 0


def test_articles_from_standard_input_are_told_apart_by_content(tmp_path):
    from click.testing import CliRunner

    from newsfacts.archive.cli import cli

    db = tmp_path / "archive.db"
    for n in range(2):
        result = CliRunner().invoke(cli, ["ingest", "-", "--db", str(db)], input=article(n))
        assert result.exit_code == 0 and "1 ingested" in result.output, result.output
    again = CliRunner().invoke(cli, ["ingest", "-", "--db", str(db)], input=article(0))
    assert "1 unchanged" in again.output
    assert connect(db).execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 2


def test_a_text_too_long_to_analyse_is_refused_clearly(tmp_path):
    folder = tmp_path / "in"
    write(folder, "long.txt", "date 2024-01-01 " + "The council met again. " * 50_000)  # 1.15 M chars
    write(folder, "good.txt", SAMPLE)
    result = run_cli("ingest", folder, "--db", tmp_path / "archive.db")
    assert result.exit_code == 1 and "1 ingested" in result.output
    assert "long.txt: text too long to analyse" in result.output


def test_reextract_brings_old_extractions_up_to_date_without_the_files(tmp_path):
    db = tmp_path / "archive.db"
    path = write(tmp_path, "a.txt", SAMPLE)
    conn = connect(db)
    (article,) = read_path(path)
    old = extract(article).model_copy(update={"extractor": "old-1"})
    assert record(conn, article, old, "old-1").status == "ingested"
    path.unlink()  # the source is gone: the text in the log is enough
    result = run_cli("reextract", "--db", db)
    assert result.exit_code == 0 and "1 re-extracted" in result.output
    assert [r[0] for r in conn.execute("SELECT extractor FROM extractions ORDER BY event_seq")] == ["old-1", EXTRACTOR_VERSION]
    assert "0 re-extracted" in run_cli("reextract", "--db", db).output
