"""Speakers across the archive: one row per source, merges and splits by a person, as events."""

from __future__ import annotations

from newsfacts.archive.db import connect
from newsfacts.archive.store import record
from newsfacts.ingest.extract import extract
from newsfacts.ingest.sources import read_path

from .conftest import run_cli, snapshot, write

ONE = """date 2024-05-02 The water board met on Tuesday to discuss the drought.

“We have never seen reservoirs this low in May,” said Lena Hart, the board's chair.
"""
TWO = """date 2024-05-09 Rationing began in the valley on Monday.

“Every household will have to cut its use by a fifth,” Lena Hart told reporters.
"""
THREE = """date 2024-05-10 Farmers protested outside the board's offices on Thursday.

“The rules are fair to everyone,” said L. Hart, who chairs the water board.
"""


def quotes_by_speaker(conn) -> dict[str, int]:
    return {r[0]: r[1] for r in conn.execute("SELECT speaker_id, COUNT(*) FROM quotes GROUP BY speaker_id")}


def test_one_speaker_row_across_articles_and_merge_split(tmp_path):
    folder = tmp_path / "in"
    for name, text in [("one.txt", ONE), ("two.txt", TWO), ("three.txt", THREE)]:
        write(folder, name, text)
    db = tmp_path / "archive.db"
    assert run_cli("ingest", folder, "--db", db).exit_code == 0
    conn = connect(db)
    counts = quotes_by_speaker(conn)
    assert counts.get("lena-hart") == 2, counts
    assert counts.get("l-hart") == 1, counts

    result = run_cli("speakers", "merge", "l-hart", "lena-hart", "--db", db, "--reason", "same person")
    assert result.exit_code == 0, result.output
    assert quotes_by_speaker(conn).get("lena-hart") == 3
    assert conn.execute("SELECT COUNT(*) FROM speakers WHERE id = 'l-hart'").fetchone()[0] == 0
    aliases = conn.execute("SELECT aliases FROM speakers WHERE id = 'lena-hart'").fetchone()[0]
    assert "L. Hart" in aliases

    # kept through a rebuild
    before = snapshot(conn)
    assert run_cli("rebuild", "--db", db).exit_code == 0
    assert snapshot(conn) == before

    # kept through re-extraction by a newer extractor
    (article,) = read_path(folder / "three.txt")
    claims = extract(article).model_copy(update={"extractor": "next"})
    assert record(conn, article, claims, "next").status == "reextracted"
    assert quotes_by_speaker(conn).get("lena-hart") == 3

    # and undone by a split
    result = run_cli("speakers", "split", "l-hart", "--db", db)
    assert result.exit_code == 0, result.output
    counts = quotes_by_speaker(conn)
    assert counts.get("lena-hart") == 2 and counts.get("l-hart") == 1
    types = [r[0] for r in conn.execute("SELECT type FROM events WHERE stream = 'speaker:l-hart' ORDER BY version")]
    assert types == ["speaker.merged", "speaker.split"]


def test_merge_of_unknown_speaker_is_refused(archive):
    result = run_cli("speakers", "merge", "nobody-at-all", "also-nobody", "--db", archive)
    assert result.exit_code != 0 and "no speaker" in result.output


def test_verdict_on_a_claim(archive):
    conn = connect(archive)
    fid = conn.execute("SELECT id FROM figures LIMIT 1").fetchone()
    assert fid is not None
    result = run_cli("verdict", fid[0], "false", "--note", "the report says 40", "--db", archive)
    assert result.exit_code == 0, result.output
    row = conn.execute("SELECT claim_table, verdict, note FROM verdicts").fetchone()
    assert tuple(row) == ("figures", "false", "the report says 40")
    assert run_cli("verdict", "no-such-claim", "true", "--db", archive).exit_code != 0
