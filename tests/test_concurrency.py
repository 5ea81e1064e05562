"""Atomicity under kill -9, and two ingest processes writing at once."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import time

from newsfacts.archive.db import connect
from newsfacts.archive.log import verify
from newsfacts.archive.rebuild import rebuild

from .conftest import snapshot, write
from .texts import article


def ingest_process(db, *paths) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "newsfacts", "ingest", *map(str, paths), "--db", str(db), "-q"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def events(db) -> int:
    try:
        c = sqlite3.connect(db, timeout=30)
        try:
            return c.execute("SELECT COUNT(*) FROM events").fetchone()[0]
        finally:
            c.close()
    except sqlite3.OperationalError:
        return 0


def assert_consistent(db) -> int:
    """Whole articles only: each has its revision and its claims, the chain holds, rebuild agrees."""
    conn = connect(db)
    checked, problem = verify(conn)
    assert problem is None, problem
    n = conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    assert n == conn.execute("SELECT COUNT(*) FROM events WHERE type = 'article.revised'").fetchone()[0]
    assert n == conn.execute("SELECT COUNT(*) FROM events WHERE type = 'claims.extracted'").fetchone()[0]
    assert n == conn.execute("SELECT COUNT(*) FROM articles WHERE extractor IS NOT NULL").fetchone()[0]
    before = snapshot(conn)
    rebuild(conn)
    assert snapshot(conn) == before
    conn.close()
    return n


def test_kill_9_leaves_whole_articles_and_a_rerun_finishes(tmp_path):
    folder = tmp_path / "batch"
    total = 80
    for n in range(total):
        write(folder, f"a{n:03}.txt", article(n))
    db = tmp_path / "archive.db"
    for _ in range(2):  # kill twice, at different points
        proc = ingest_process(db, folder)
        start_events = events(db)
        deadline = time.monotonic() + 120
        while events(db) < start_events + 4 and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
        proc.kill()  # skips a process poll() already reaped
        proc.wait()
        done = assert_consistent(db)
        assert 0 < done < total
    proc = ingest_process(db, folder)
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err.decode()
    assert f"{total - done} ingested" in out.decode()
    assert assert_consistent(db) == total


def test_two_ingests_at_once_lose_nothing(tmp_path):
    one, two = tmp_path / "one", tmp_path / "two"
    for n in range(12):
        write(one, f"a{n}.txt", article(n))
        write(two, f"b{n}.txt", article(100 + n))
    write(one, "shared.txt", article(500))  # the same file content reaching both
    write(two, "shared.txt", article(500))
    db = tmp_path / "archive.db"
    connect(db).close()
    procs = [ingest_process(db, one), ingest_process(db, two)]
    for p in procs:
        out, err = p.communicate(timeout=300)
        assert p.returncode == 0, err.decode()
    assert assert_consistent(db) == 25
    conn = connect(db)
    assert conn.execute("SELECT COUNT(*) FROM sightings").fetchone()[0] == 26


def _comparable(db) -> list[tuple]:
    """Events without what differs between any two runs (times, hashes that cover times)."""
    import json

    def strip(value):
        if isinstance(value, dict):
            return {k: strip(v) for k, v in value.items() if k not in ("read_at",)}
        if isinstance(value, list):
            return [strip(v) for v in value]
        return value

    conn = connect(db)
    return [(r["seq"], r["stream"], r["version"], r["type"], strip(json.loads(r["payload"])))
            for r in conn.execute("SELECT * FROM events ORDER BY seq")]


def test_workers_append_the_same_events_in_the_same_order(tmp_path):
    folder = tmp_path / "batch"
    for n in range(10):
        write(folder, f"a{n:02}.txt", article(n))
    write(folder, "bad.txt", b"\x00\x01binary")
    from newsfacts.archive.batch import ingest

    results = []
    for workers in (1, 2):
        db = tmp_path / f"w{workers}.db"
        summary = ingest(connect(db), [str(folder)], workers=workers, chunk_size=3)
        assert summary.counts["ingested"] == 10 and summary.failed == 1
        results.append(_comparable(db))
    assert results[0] == results[1]
