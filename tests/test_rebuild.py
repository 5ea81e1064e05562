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


def test_rebuild_of_an_empty_archive(tmp_path):
    conn = connect(tmp_path / "archive.db")
    assert rebuild(conn) == 0
    assert conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 0
