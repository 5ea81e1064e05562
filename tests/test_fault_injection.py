"""The fault-injection suite (issue 13), bounded in time: `kill -9` of an ingest at random moments,
four concurrent ingests on overlapping inputs while Datasette reads and a rebuild runs, and a
corpus of malformed inputs written here. The slow variant (marked `slow`: CI runs it, the quick
run `-m 'not slow'` leaves it out) kills 20 times; the other, 3 times."""

from __future__ import annotations

import asyncio
import random
import resource
import sqlite3
import subprocess
import sys
import threading
import time

import pytest

from newsfacts.archive.batch import ingest
from newsfacts.archive.db import connect
from newsfacts.archive.log import verify

from .conftest import DERIVED, write
from .malformed import corpus
from .test_concurrency import events, ingest_process
from .texts import article

VARYING = {"seq", "event_seq", "text_seq", "recorded_at", "read_at", "updated_at", "first_seen_at", "applied_at",
           "text_id", "words_id"}
"""Columns that differ between any two runs: times, and event numbers (the order writers won
the lock in; text_seq is the event holding a text, archive/texts.py), and the row numbers of
texts and of claims' wordings in that order (text_id, words_id; a text is compared by its SHA-256,
a wording by its words)."""
NUMBERED = {"texts", "quote_words", "figure_words", "date_words"}
"""Tables whose id is a row number in the order their rows arrived."""


def comparable(db) -> dict[str, list[tuple]]:
    """Every derived table without its VARYING columns, in a fixed order: two archives of the same
    inputs are equal by this whatever order their articles were recorded in."""
    conn = sqlite3.connect(db)
    out = {}
    for table in DERIVED:  # claim groups too: they are a function of the claims, not of their order
        cols = [r[1] for r in conn.execute(f"PRAGMA table_info([{table}])") if r[1] not in VARYING]
        if table == "articles":
            cols.remove("first_seen")  # when it was recorded
        if table in NUMBERED:
            cols.remove("id")  # numbered in the order texts and wordings arrived
        select = ", ".join(f"[{c}]" for c in cols)
        out[table] = sorted(map(tuple, conn.execute(f"SELECT {select} FROM [{table}]")), key=repr)
    conn.close()
    return out


def check_whole(db) -> int:
    """The invariants after any fault: the chain verifies, SQLite's own check passes, no article
    without its claims and no claims without their article. Returns the number of articles."""
    conn = connect(db)
    try:
        checked, problem = verify(conn)
        assert problem is None, problem
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT COUNT(*) FROM articles WHERE id NOT IN "
                            "(SELECT article_id FROM extractions)").fetchone()[0] == 0
        for table in ("extractions", "quotes", "figures", "dates", "revisions", "sightings"):
            assert conn.execute(f"SELECT COUNT(*) FROM {table} WHERE article_id NOT IN "
                                "(SELECT id FROM articles)").fetchone()[0] == 0, table
        revised = conn.execute("SELECT COUNT(*) FROM events WHERE type = 'article.revised'").fetchone()[0]
        extracted = conn.execute("SELECT COUNT(DISTINCT stream) FROM events WHERE type = 'claims.extracted'"
                                 ).fetchone()[0]
        n = conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
        assert revised == extracted == n
        return n
    finally:
        conn.close()


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    """A folder of articles and the archive one clean, uninterrupted ingest makes of it."""
    root = tmp_path_factory.mktemp("batch")
    folder = root / "in"
    for n in range(40):
        write(folder, f"a{n:03}.txt", article(n))
    clean = root / "clean.db"
    assert ingest(connect(clean), [str(folder)]).failed == 0
    return folder, comparable(clean)


def kill_trials(tmp_path, batch, trials: int, seed: int) -> list[str]:
    """Kill an ingest `trials` times, each at a random moment (while it starts up, or after a
    random number of new events), check the archive after each kill, then finish it and compare
    with the clean run. Returns a line per trial."""
    folder, clean = batch
    rng = random.Random(seed)
    db = tmp_path / "archive.db"
    log = []
    for trial in range(trials):
        before = events(db)
        proc = ingest_process(db, folder)
        if rng.random() < 0.3:  # during start-up or the first article
            time.sleep(rng.uniform(0.0, 3.0))
            how = "at a random time"
        else:
            target = before + rng.randint(1, 7)
            deadline = time.monotonic() + 120
            while events(db) < target and proc.poll() is None and time.monotonic() < deadline:
                time.sleep(0.005)
            how = f"after {events(db) - before} new events"
        finished = proc.poll() is not None
        proc.kill()  # skips a process poll() already reaped
        proc.communicate()
        n = check_whole(db)
        log.append(f"trial {trial + 1}: killed {how}{' (it had finished)' if finished else ''}: "
                   f"{n} whole articles, verify ok, integrity ok")
    proc = ingest_process(db, folder)
    out, err = proc.communicate(timeout=600)
    assert proc.returncode == 0, err.decode()
    assert check_whole(db) == 40
    assert comparable(db) == clean  # the re-run ends equal to a clean run
    return log


def test_kill_9_at_random_moments(tmp_path, batch):
    log = kill_trials(tmp_path, batch, trials=3, seed=13)
    assert len(log) == 3


@pytest.mark.slow
def test_kill_9_at_random_moments_twenty_times(tmp_path, batch):
    log = kill_trials(tmp_path, batch, trials=20, seed=2026)
    print("\n".join(log))
    assert len(log) == 20


def test_four_concurrent_ingests_while_datasette_reads_and_a_rebuild_runs(tmp_path, batch):
    from datasette.app import Datasette

    folder, clean = batch
    files = sorted(folder.iterdir())
    parts = [files[0:15], files[10:25], files[20:35], files[:5] + files[30:]]  # every file in two
    db = tmp_path / "archive.db"
    connect(db).close()
    failures, reads = [], [0]
    stop = threading.Event()

    def read_while_writing():
        ds = Datasette([str(db)])
        while not stop.is_set():
            for path in ("/archive/quotes.json?_size=5", "/archive/articles.json?_size=5",
                         "/archive.json?sql=select+count(*)+from+events"):
                r = asyncio.run(ds.client.get(path))
                if r.status_code != 200:
                    failures.append((path, r.status_code, r.text[:200]))
                reads[0] += 1
            time.sleep(0.05)

    reader = threading.Thread(target=read_while_writing, daemon=True)
    reader.start()
    procs = [ingest_process(db, *part) for part in parts]
    while events(db) < 20 and all(p.poll() is None for p in procs):
        time.sleep(0.05)
    rebuild = subprocess.run([sys.executable, "-m", "newsfacts", "rebuild", "--db", str(db)],
                             capture_output=True, timeout=600)
    for p in procs:
        out, err = p.communicate(timeout=600)
        assert p.returncode == 0, err.decode()
    stop.set()
    reader.join(timeout=60)
    assert rebuild.returncode == 0, rebuild.stderr.decode()
    assert not failures and reads[0] > 0
    assert check_whole(db) == 40
    conn = connect(db)
    assert conn.execute("SELECT COUNT(*) FROM sightings").fetchone()[0] == 40  # nothing doubled
    assert conn.execute("SELECT COUNT(*) FROM events WHERE type = 'original.stored'").fetchone()[0] == 40
    conn.close()
    assert comparable(db) == clean  # identical tables, not only equal sets


def test_a_corpus_of_malformed_inputs_each_reported_in_one_line_none_stored(tmp_path):
    folder = tmp_path / "corpus"
    expected = corpus(folder)  # name -> what its one line must say
    assert len(expected) >= 40
    write(folder, "good-1.txt", article(1))
    write(folder, "good-2.txt", article(2))
    db = tmp_path / "archive.db"
    start = time.monotonic()
    proc = subprocess.run([sys.executable, "-m", "newsfacts", "ingest", str(folder), "--db", str(db), "-q"],
                          capture_output=True, timeout=600)
    took = time.monotonic() - start
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024
    err = proc.stderr.decode("utf-8", "replace")
    assert proc.returncode == 1 and "2 ingested" in proc.stdout.decode(), err
    lines = [ln for ln in err.splitlines() if ln.startswith("error: ")]
    assert "Traceback" not in err
    for name, says in expected.items():
        mine = [ln for ln in lines if ln.startswith(f"error: {folder / name}") and (
            ln[len(f"error: {folder / name}"):][:1] in (":", "#"))]
        assert mine, f"{name}: no line (expected {says!r})"
        assert all(says in ln for ln in mine[-1:]), (name, mine)
    conn = connect(db)
    assert conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 2
    assert conn.execute("SELECT COUNT(*) FROM originals").fetchone()[0] == 2
    print(f"\n{len(expected)} malformed inputs, {len(lines)} error lines, {took:.1f} s, peak {peak_mb} MB")
    assert peak_mb < 1500
