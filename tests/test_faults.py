"""Faults during an ingest (issue 13): an article that runs past the time limit, a worker that
dies, a disk that fills up mid-batch."""

from __future__ import annotations

import os
import sqlite3

from newsfacts.archive import workers as workers_module
from newsfacts.archive.batch import ingest, ingest_items
from newsfacts.archive.db import connect
from newsfacts.ingest.sources import iter_inputs
from newsfacts.schema.article import Article

from .conftest import run_cli, write
from .test_concurrency import assert_consistent
from .texts import article

LONG = "\n\n".join(article(i).split(" ", 2)[2] for i in range(700))  # ~150,000 characters: ~30 s


def with_a_long_one(folder, articles: int, long_name: str):
    """A folder of short articles and one that takes far longer than the tests' limit."""
    for n in range(articles):
        write(folder, f"a{n:02}.txt", article(n))
    write(folder, long_name, "date 2024-03-18 " + LONG)
    return folder


def test_an_article_past_the_time_limit_is_stopped_and_the_batch_goes_on(tmp_path):
    folder = with_a_long_one(tmp_path / "in", 10, "a04-long.txt")
    db = tmp_path / "archive.db"
    summary = ingest(connect(db), [str(folder)], workers=2, chunk_size=3, time_limit=8.0)
    assert summary.counts["ingested"] == 10
    [(source, reason)] = summary.failures
    assert source.endswith("a04-long.txt") and "stopped after 8 s (the time limit per article)" in reason
    assert assert_consistent(db) == 10


def test_one_worker_and_one_small_batch_are_bounded_too(tmp_path):
    """The limit is no property of a big batch: one chunk on one worker is stopped the same way."""
    folder = with_a_long_one(tmp_path / "in", 2, "a01-long.txt")
    db = tmp_path / "archive.db"
    result = run_cli("ingest", folder, "--db", db, "--workers", "1", "--time-limit", "8", "-q")
    assert result.exit_code == 1
    assert "2 ingested" in result.output and "1 failed" in result.output, result.output
    assert "a01-long.txt: extraction failed: stopped after 8 s (the time limit per article)" in result.output
    assert assert_consistent(db) == 2


def test_no_time_limit_extracts_in_this_process(tmp_path, monkeypatch):
    folder = tmp_path / "in"
    for n in range(3):
        write(folder, f"a{n}.txt", article(n))
    db = tmp_path / "archive.db"

    def refuse(*args, **kwargs):
        raise AssertionError("a worker process was started")

    monkeypatch.setattr(workers_module.Pool, "__init__", refuse)
    summary = ingest(connect(db), [str(folder)], workers=2, chunk_size=1, time_limit=None)
    assert summary.counts["ingested"] == 3 and not summary.failures


def test_a_worker_that_dies_costs_only_its_article(tmp_path):
    victim = Article(text="KILL THIS WORKER " + article(1), source="victim.txt")  # see _serve_or_die
    items = [*iter_inputs([str(write(tmp_path / "in", f"a{n}.txt", article(n))) for n in range(5)])]
    items.insert(2, victim)
    db = tmp_path / "archive.db"
    original = workers_module._serve
    workers_module._serve = _serve_or_die
    try:
        summary = ingest_items(connect(db), items, workers=2, chunk_size=2)
    finally:
        workers_module._serve = original
    assert summary.counts["ingested"] == 5
    [(source, reason)] = summary.failures
    assert source == "victim.txt" and "worker process died" in reason
    assert assert_consistent(db) == 5


def _serve_or_die(conn) -> None:
    """A worker that exits hard (as the kernel's OOM killer would) on one marked article."""
    from newsfacts.archive.batch import _extract_safely
    from newsfacts.ingest.extract.pipeline import load

    nlp = load()
    conn.send(("ready", None, None))
    while (job := conn.recv()) is not None:
        job_id, first, articles = job
        for i, a in enumerate(articles, first):
            conn.send(("start", job_id, i))
            if a.text.startswith("KILL THIS WORKER"):
                os._exit(9)
            conn.send(("done", job_id, (i, _extract_safely([a], nlp)[0], 0)))


def test_a_full_disk_mid_batch_is_a_clear_error_and_the_archive_stays_whole(tmp_path):
    folder = tmp_path / "in"
    for n in range(12):
        write(folder, f"a{n:02}.txt", article(n) + "\n\n" + LONG[2000 * n: 2000 * n + 2500])
    db = tmp_path / "archive.db"
    conn = connect(db)
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count = {pages + 30}")  # room for a few articles only
    try:
        ingest(conn, [str(folder)])
    except sqlite3.OperationalError as e:
        assert "full" in str(e)
    else:
        raise AssertionError("the disk never filled")
    conn.close()
    n = assert_consistent(db)
    assert 0 < n < 12
    assert connect(db).execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert ingest(connect(db), [str(folder)]).counts["ingested"] == 12 - n  # space again: it goes on


def test_the_cli_names_a_full_disk_in_one_line(tmp_path, monkeypatch):
    from newsfacts.archive import cli as cli_module

    def full(db_path):
        conn = connect(db_path)
        conn.execute(f"PRAGMA max_page_count = {conn.execute('PRAGMA page_count').fetchone()[0] + 5}")
        return conn

    monkeypatch.setattr(cli_module, "_open", full)
    folder = tmp_path / "in"
    for n in range(3):
        write(folder, f"a{n}.txt", article(n) + "\n\n" + LONG[:5000])
    result = run_cli("ingest", folder, "--db", tmp_path / "archive.db", "-q")
    assert result.exit_code == 1
    [line] = [ln for ln in result.output.splitlines() if ln.startswith("error:")]
    assert "could not be written (database or disk is full)" in line and "Traceback" not in result.output
    assert_consistent(tmp_path / "archive.db")
