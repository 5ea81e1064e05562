"""Derived tables are a pure function of the log: rebuild gives the same rows, without NLP."""

from __future__ import annotations

import pytest

from newsfacts.archive.db import connect
from newsfacts.archive.rebuild import rebuild

from .conftest import run_cli, snapshot, write
from .texts import SAMPLE, article


def test_rebuild_equals_incremental(tmp_path, archive):
    conn = connect(archive)
    # more history: a revision, a sighting, a verdict, a merge and a split
    write(tmp_path / "more", "copy.txt", SAMPLE)
    for n in range(3):
        write(tmp_path / "more", f"a{n}.txt", article(n))
    assert run_cli("ingest", tmp_path / "more", "--db", archive).exit_code == 0
    qid = conn.execute("SELECT id FROM quotes LIMIT 1").fetchone()
    if qid:
        assert run_cli("verdict", qid[0], "mostly-false", "--note", "n", "--db", archive).exit_code == 0
    speakers = [r[0] for r in conn.execute("SELECT id FROM speakers WHERE anonymous = 0 ORDER BY id LIMIT 2")]
    if len(speakers) == 2:
        assert run_cli("speakers", "merge", speakers[0], speakers[1], "--db", archive).exit_code == 0
    before = snapshot(conn)
    assert sum(len(v) for v in before.values()) > 10

    result = run_cli("rebuild", "--db", archive)
    assert result.exit_code == 0 and "replayed" in result.output
    assert snapshot(conn) == before


def test_rebuild_never_runs_nlp(archive, monkeypatch):
    import newsfacts.ingest.extract.pipeline as pipeline

    monkeypatch.setattr(pipeline, "load", lambda: pytest.fail("rebuild loaded the NLP pipeline"))
    conn = connect(archive)
    before = snapshot(conn)
    rebuild(conn)
    assert snapshot(conn) == before


ARCHIVE_SIDE = """
import sys
from newsfacts.archive.cli import cli
for command in ("verify", "rebuild"):
    try:
        cli([command, "--db", sys.argv[1]], standalone_mode=False)
    except SystemExit as e:  # a command that ends with its exit code
        assert not e.code, e.code
import newsfacts.archive.serve, newsfacts.archive.web, newsfacts.archive.datasette_summaries  # noqa: E401,F401
print("spacy loaded" if "spacy" in sys.modules else "spacy not loaded")
"""


def test_the_archive_side_never_imports_spacy(archive):
    """verify, rebuild and the Datasette side read the log and the tables only: they must not pay
    the second of CPU that loading spaCy costs (the archive reads pure helpers of the extract
    package, which imports its extractors on first use)."""
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-c", ARCHIVE_SIDE, str(archive)], capture_output=True, text=True,
                         timeout=600)
    assert out.returncode == 0, out.stderr
    assert "replayed" in out.stdout and out.stdout.strip().endswith("spacy not loaded"), out.stdout


def test_rebuild_of_an_empty_archive(tmp_path):
    conn = connect(tmp_path / "archive.db")
    assert rebuild(conn) == 0
    assert conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 0


def test_a_replay_leaves_cross_checks_as_ingest_left_them(tmp_path):
    """A replay rechecks a measure's figure group once per run of articles, not after each one
    (factcheck/projections.py, `replaying`), and before any event that may change what the check
    reads without rechecking it: here a person's decision moves a figure out of the group, which
    leaves the check as it was, and a later article joins the group again."""
    import shutil

    from .test_factcheck_checks import ARTICLES, archive_of

    db = archive_of(tmp_path, "osterby-referendum.txt", "osterby-second.txt")
    conn = connect(db)
    gid, = conn.execute("SELECT group_id FROM checks WHERE kind = 'same_measure'").fetchone()
    fid, = conn.execute("SELECT claim_id FROM claim_group_members WHERE group_id = ? ORDER BY claim_id LIMIT 1",
                        (gid,)).fetchone()
    assert run_cli("groups", "reject", fid, gid, "--db", db).exit_code == 0
    assert conn.execute("SELECT COUNT(*) FROM claim_group_members WHERE group_id = ?", (gid,)).fetchone()[0] == 1
    checked = conn.execute("SELECT figure_ids FROM checks WHERE group_id = ?", (gid,)).fetchall()
    assert len(checked) == 1 and fid in checked[0][0]  # the decision did not recheck the group
    later = tmp_path / "later"
    later.mkdir()
    shutil.copy(ARTICLES / "articles" / "korsa-port.txt", later / "korsa-port.txt")
    assert run_cli("ingest", later, "--db", db, "-q").exit_code == 0
    before = snapshot(conn)
    assert run_cli("rebuild", "--db", db).exit_code == 0
    assert snapshot(conn) == before


def test_the_speaker_quote_tally_is_the_count_of_each_speakers_quotes(tmp_path, archive):
    """Speaker identity weighs a speaker by how many quotes they have, read from a tally the
    triggers on quotes keep (speaker_quote_tally): after a re-extraction, a merge and its undoing
    it still equals a count of the quotes, in ingest and in the rebuild."""
    conn = connect(archive)
    write(tmp_path / "more", "copy.txt", SAMPLE)
    for n in range(2):
        write(tmp_path / "more", f"a{n}.txt", article(n))
    assert run_cli("ingest", tmp_path / "more", "--db", archive, "-q").exit_code == 0
    counted = "SELECT speaker_id, COUNT(*) FROM quotes WHERE speaker_id IS NOT NULL GROUP BY speaker_id ORDER BY 1"
    kept = "SELECT speaker_id, quotes FROM speaker_quote_tally WHERE quotes != 0 ORDER BY 1"

    def rows(sql):
        return [tuple(r) for r in conn.execute(sql)]

    top = rows(counted)
    assert len(top) >= 2 and rows(kept) == top
    (a, _), (b, _) = top[:2]
    assert run_cli("speakers", "merge", a, b, "--db", archive).exit_code == 0
    merged = rows(kept)
    assert merged == rows(counted) and a not in [r[0] for r in merged]
    assert run_cli("speakers", "split", a, "--db", archive).exit_code == 0
    assert rows(kept) == rows(counted) == top
    assert run_cli("rebuild", "--db", archive).exit_code == 0
    assert rows(kept) == top
