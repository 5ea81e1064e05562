"""Rebuild and the replay on upgrade build beside the archive and swap in with one short
transaction: writers are not held during the replay, and what they write meanwhile is kept."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import time

from newsfacts.archive import swap
from newsfacts.archive.db import FTS_TABLES, connect, drop_derived
from newsfacts.archive.rebuild import as_of, rebuild_report

from .conftest import run_cli, snapshot, table_rows, write
from .test_concurrency import events, ingest_process
from .texts import article


def replayed_elsewhere(conn: sqlite3.Connection) -> dict:
    """The tables an incremental replay of the whole log gives (row by row, in memory)."""
    mem = as_of(conn)
    return {**snapshot(mem), "facet_counts": table_rows(mem, "facet_counts")}


def tables(conn: sqlite3.Connection) -> dict:
    return {**snapshot(conn), "facet_counts": table_rows(conn, "facet_counts")}


def fts_intact(conn: sqlite3.Connection) -> None:
    for table in FTS_TABLES:  # FTS5 compares its index with the rows it indexes
        conn.execute(f"INSERT INTO [{table}_fts]([{table}_fts]) VALUES ('integrity-check')")


def test_the_build_needs_no_write_lock_and_what_arrives_meanwhile_is_replayed_at_the_swap(tmp_path, archive):
    conn = connect(archive)
    scratch = swap.scratch_path(archive)
    writer = sqlite3.connect(archive, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")  # another writer holds the lock for the whole build
    try:
        replayed, last = swap.build(scratch, archive)
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    assert last == conn.execute("SELECT MAX(seq) FROM events").fetchone()[0] and replayed == last

    for n in range(2):  # ingests during the build: after its snapshot, before the swap
        write(tmp_path / "late", f"late{n}.txt", article(20 + n))
    assert run_cli("ingest", tmp_path / "late", "--db", archive, "-q").exit_code == 0
    arrived = conn.execute("SELECT COUNT(*) FROM events WHERE seq > ?", (last,)).fetchone()[0]
    assert arrived >= 4  # two articles: at least their revision and their claims

    secure = conn.execute("PRAGMA secure_delete").fetchone()[0]
    done = swap.swap(conn, scratch, last, replayed)
    scratch.unlink()
    assert conn.execute("PRAGMA secure_delete").fetchone()[0] == secure  # as the connection had it
    assert done.caught_up == arrived and done.events == last + arrived
    assert conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 4
    assert tables(conn) == replayed_elsewhere(conn)
    fts_intact(conn)


def test_rebuild_leaves_no_scratch_file_and_says_how_long_it_held_the_lock(archive):
    result = run_cli("rebuild", "--db", archive)
    assert result.exit_code == 0, result.output
    assert "write lock held" in result.output
    assert sorted(p.name for p in archive.parent.iterdir() if ".rebuild-" in p.name) == []
    conn = connect(archive)
    assert tables(conn) == replayed_elsewhere(conn)
    fts_intact(conn)


def test_a_rebuild_that_fails_leaves_the_tables_as_they_were(archive, monkeypatch):
    conn = connect(archive)
    before = tables(conn)

    def broken(conn):  # fails after the derived tables are dropped, inside the swap's transaction
        drop_derived(conn)
        conn.execute("SELECT * FROM no_such_table")

    monkeypatch.setattr(swap, "copy_in", broken)
    try:
        rebuild_report(conn)
    except sqlite3.OperationalError as e:
        assert "no_such_table" in str(e)
    else:
        raise AssertionError("the broken swap did not fail")
    assert tables(conn) == before
    assert sorted(p.name for p in archive.parent.iterdir() if ".rebuild-" in p.name) == []


def test_an_ingest_running_while_a_rebuild_runs_neither_fails_nor_is_lost(tmp_path, archive):
    """Real processes, whatever their timing: the writer starts first and the rebuild starts once
    the writer has recorded an article; both must succeed, every article must be there, and the
    tables must equal a replay of the whole log."""
    folder = tmp_path / "more"
    for n in range(8):
        write(folder, f"m{n}.txt", article(30 + n))
    start = events(archive)
    writer = ingest_process(archive, folder)
    deadline = time.monotonic() + 300
    while events(archive) == start and writer.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    rebuild = subprocess.run([sys.executable, "-m", "newsfacts", "rebuild", "--db", str(archive)],
                             capture_output=True, timeout=600)
    out, err = writer.communicate(timeout=600)
    assert writer.returncode == 0, err.decode()
    assert rebuild.returncode == 0, rebuild.stderr.decode()
    print(rebuild.stdout.decode())  # how many events arrived during the build (timing decides)
    conn = connect(archive)
    assert conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 10
    assert conn.execute("SELECT COUNT(DISTINCT stream) FROM events WHERE type = 'claims.extracted'"
                        ).fetchone()[0] == 10
    assert tables(conn) == replayed_elsewhere(conn)
    fts_intact(conn)


def test_the_replay_on_upgrade_swaps_in_and_records_its_shape_once(archive):
    """A new release that changes the tables needs no migration: they are replayed from the log."""
    conn = connect(archive)
    before = tables(conn)
    conn.close()
    old = sqlite3.connect(archive)  # an older release's shape and key
    old.executescript("""
        DROP TABLE quote_words_fts; DROP TABLE quotes;
        CREATE TABLE quotes (id TEXT PRIMARY KEY, text TEXT);
        UPDATE schema_migrations SET name = 'derived:older:0' WHERE name LIKE 'derived:%';
    """)
    old.close()
    conn = connect(archive)
    assert tables(conn) == before
    assert conn.execute("SELECT COUNT(*) FROM schema_migrations WHERE name LIKE 'derived:%'").fetchone()[0] == 1
    fts_intact(conn)
    assert sorted(p.name for p in archive.parent.iterdir() if ".rebuild-" in p.name) == []


def test_a_scratch_file_left_by_a_killed_rebuild_is_removed_by_the_next(archive):
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    left = archive.with_name(f".{archive.name}.rebuild-{int(dead.stdout)}")
    left.write_bytes(b"half a build")
    assert run_cli("rebuild", "--db", archive).exit_code == 0
    assert not left.exists()
