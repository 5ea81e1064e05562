"""Speakers across the archive: one row per source, merges and splits by a person, as events."""

from __future__ import annotations

from newsfacts.archive.db import connect
from newsfacts.archive.store import record
from newsfacts.ingest.extract import extract
from newsfacts.ingest.sources import read_path

from .conftest import run_cli, snapshot, write

import asyncio
import json

import yaml
from datasette.app import Datasette

from .conftest import ROOT

ONE = """date 2024-05-02 The water board met on Tuesday to discuss the drought.

“We have never seen reservoirs this low in May,” said Lena Hart, the board's chair.
"""
TWO = """date 2024-05-09 Rationing began in the valley on Monday.

“Every household will have to cut its use by a fifth,” Lena Hart told reporters.
"""
THREE = """date 2024-05-10 Farmers protested outside the board's offices on Thursday.

“The rules are fair to everyone,” said Lena Hartley-Vance, who chairs the water board.
"""


def quotes_by_speaker(conn) -> dict[str, int]:
    return {r[0]: r[1] for r in conn.execute("SELECT speaker_id, COUNT(*) FROM quotes GROUP BY speaker_id")}


def served(db):
    meta = yaml.safe_load((ROOT / "metadata.yml").read_text("utf-8"))
    ds = Datasette([str(db)], metadata=meta)
    return lambda path: asyncio.run(ds.client.get(path)).json()


def test_merge_by_name_shows_everywhere_and_survives_rebuild_reextraction_split(tmp_path):
    folder = tmp_path / "in"
    for name, text in [("one.txt", ONE), ("two.txt", TWO), ("three.txt", THREE)]:
        write(folder, name, text)
    db = tmp_path / "archive.db"
    assert run_cli("ingest", folder, "--db", db).exit_code == 0
    conn = connect(db)
    assert quotes_by_speaker(conn) == {"lena-hart": 2, "lena-hartley-vance": 1}

    refused = run_cli("speakers", "merge", "Lena Hart", "lena-hart", "--db", db)
    assert refused.exit_code == 1 and "into itself" in refused.output
    result = run_cli("speakers", "merge", "Lena Hartley-Vance", "Lena Hart", "--db", db, "--reason", "same person")
    assert result.exit_code == 0, result.output
    again = run_cli("speakers", "merge", "lena-hartley-vance", "lena-hart", "--db", db)
    assert again.exit_code == 1 and "already merged into" in again.output
    back = run_cli("speakers", "merge", "lena-hart", "lena-hartley-vance", "--db", db)
    assert back.exit_code == 1 and "already part of" in back.output
    assert quotes_by_speaker(conn) == {"lena-hart": 3}
    assert {r[0] for r in conn.execute("SELECT speaker FROM quotes")} == {"Lena Hart"}
    old = conn.execute("SELECT merged_into FROM speakers WHERE id = 'lena-hartley-vance'").fetchone()
    assert old[0] == "lena-hart"  # the old id keeps answering, and says where it went
    assert "Lena Hartley-Vance" in conn.execute("SELECT aliases FROM speakers WHERE id = 'lena-hart'").fetchone()[0]

    get = served(db)
    facet = get("/archive/quotes.json?_facet=speaker")["facet_results"]["speaker"]["results"]
    assert [(f["value"], f["count"]) for f in facet] == [("Lena Hart", 3)]
    assert get("/archive/quotes.json?speaker=Lena+Hartley-Vance")["filtered_table_rows_count"] == 0
    assert get("/archive/quotes.json?speaker=Lena+Hart")["filtered_table_rows_count"] == 3
    page = get("/archive/speakers/lena-hartley-vance.json?_shape=objects")
    assert page["rows"][0]["merged_into"] == "lena-hart"

    before = snapshot(conn)
    assert run_cli("rebuild", "--db", db).exit_code == 0
    assert snapshot(conn) == before

    (article,) = read_path(folder / "three.txt")
    claims = extract(article).model_copy(update={"extractor": "next"})
    assert record(conn, article, claims, "next").status == "reextracted"
    assert quotes_by_speaker(conn) == {"lena-hart": 3}

    result = run_cli("speakers", "split", "Lena Hartley-Vance", "--db", db)
    assert result.exit_code == 0, result.output
    assert quotes_by_speaker(conn) == {"lena-hart": 2, "lena-hartley-vance": 1}
    assert conn.execute("SELECT speaker FROM quotes WHERE speaker_id = 'lena-hartley-vance'").fetchone()[0] \
        == "Lena Hartley-Vance"
    types = [r[0] for r in conn.execute("SELECT type FROM events WHERE stream = 'speaker:lena-hartley-vance' ORDER BY version")]
    assert types == ["speaker.merged", "speaker.split"]
    assert run_cli("speakers", "split", "lena-hartley-vance", "--db", db).exit_code == 1


NAMESAKES = {
    "a.txt": "date 2024-06-01 The port reopened.\n\n“Ships are moving again,” said Marco Ortega, the harbour master.\n",
    "b.txt": "date 2024-06-02 The festival was cancelled.\n\n“Safety comes first,” said Ines Ortega, the festival's director.\n",
    "c.txt": "date 2024-06-03 Rain fell across the region.\n\n“We expect more of it,” Ortega said.\n",
}


def test_distinct_and_link(tmp_path):
    for name, text in NAMESAKES.items():
        write(tmp_path / "in", name, text)
    db = tmp_path / "archive.db"
    assert run_cli("ingest", tmp_path / "in", "--db", db, "-q").exit_code == 0
    conn = connect(db)
    assert conn.execute("SELECT COUNT(*) FROM speaker_suggestions").fetchone()[0] == 2
    result = run_cli("speakers", "distinct", "ortega", "Marco Ortega", "--db", db)
    assert result.exit_code == 0, result.output
    left = [tuple(r) for r in conn.execute("SELECT speaker_id, other_id FROM speaker_suggestions")]
    assert left == [("ines-ortega", "ortega")]
    suggested = run_cli("speakers", "suggestions", "--db", db)
    assert json.loads(suggested.output.splitlines()[0])["other_id"] == "ortega"

    assert run_cli("speakers", "link", "ortega", "not an id", "--db", db).exit_code == 1
    assert run_cli("speakers", "link", "Ines Ortega", "Q4115189", "--db", db).exit_code == 0
    assert run_cli("speakers", "link", "ortega", "Q4115189", "--db", db).exit_code == 0
    assert quotes_by_speaker(conn) == {"ines-ortega": 2, "marco-ortega": 1}
    assert conn.execute("SELECT external_id FROM speakers WHERE id = 'ines-ortega'").fetchone()[0] == "Q4115189"
    before = snapshot(conn)
    assert run_cli("rebuild", "--db", db).exit_code == 0
    assert snapshot(conn) == before
    assert conn.execute("SELECT COUNT(*) FROM speaker_distinct").fetchone()[0] == 2


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
