"""The guarded write path: nothing is written into an archive whose log was tampered with, the
fix is named, opening never repairs quietly, and a locked archive is waited for."""

from __future__ import annotations

import sqlite3
import threading
import time

from newsfacts.archive.db import connect

from .conftest import run_cli
from .tamper import plain, tamper


def _triggers(path) -> set[str]:
    c = plain(path)
    names = {n for (n,) in c.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'events'")}
    c.close()
    return names


def _count(path) -> int:
    c = plain(path)
    n = c.execute("SELECT COUNT(*) FROM events").fetchone()[0]
    c.close()
    return n


def test_ingest_refuses_an_archive_whose_triggers_were_dropped(archive, articles_dir):
    tamper(archive, "SELECT 1", keep_triggers_off=True)
    before = _count(archive)
    (articles_dir / "new.txt").write_text("date 2024-05-01\nThe mayor said: \"We will open the bridge in May.\"\n")
    result = run_cli("ingest", articles_dir, "--db", archive, "-q")
    assert result.exit_code == 1
    assert "refusing to write: the append-only trigger events_no_update is missing" in result.output
    assert "`newsfacts reseal`" in result.output
    assert len(result.output.strip().splitlines()) == 1  # one line, no traceback
    assert _count(archive) == before
    connect(archive).close()  # opening the archive ...
    assert _triggers(archive) == set()  # ... does not put them back quietly
    for args in (["verdict", _quote(archive), "true"], ["rebuild"], ["reextract"], ["speakers", "split", "x"]):
        r = run_cli(*args, "--db", archive)
        assert r.exit_code == 1 and "refusing to write" in r.output, args
    assert run_cli("verify", "--db", archive).exit_code == 1


def test_reseal_puts_the_triggers_back_on_a_log_that_verifies(archive, articles_dir):
    tamper(archive, "SELECT 1", keep_triggers_off=True)
    result = run_cli("reseal", "--db", archive)
    assert result.exit_code == 0, result.output
    assert "re-created events_no_update, events_no_delete, events_no_replace" in result.output
    assert _triggers(archive) == {"events_no_update", "events_no_delete", "events_no_replace"}
    assert run_cli("verify", "--db", archive).exit_code == 0
    assert run_cli("ingest", articles_dir, "--db", archive, "-q").exit_code == 0


def test_reseal_refuses_a_log_that_does_not_verify(archive):
    tamper(archive, "UPDATE events SET actor = 'mallory' WHERE seq = 2", keep_triggers_off=True)
    result = run_cli("reseal", "--db", archive)
    assert result.exit_code == 1 and "not resealed" in result.output and "event 2" in result.output
    assert _triggers(archive) == set()


def test_a_trigger_replaced_by_one_that_does_nothing_is_found(archive):
    tamper(archive, "CREATE TRIGGER events_no_update BEFORE UPDATE ON events BEGIN SELECT 1; END",
           keep_triggers_off=True)
    result = run_cli("verdict", _quote(archive), "true", "--db", archive)
    assert result.exit_code == 1
    assert "the append-only trigger events_no_update was replaced by another" in result.output


def test_a_write_after_the_last_event_was_altered_is_refused(archive):
    tamper(archive, "UPDATE events SET actor = 'mallory' WHERE seq = (SELECT MAX(seq) FROM events)")
    result = run_cli("verdict", _quote(archive), "true", "--db", archive)
    assert result.exit_code == 1 and "does not match its hash: it was altered" in result.output


def test_verify_refuses_what_is_not_an_archive(tmp_path):
    typo = tmp_path / "typo.db"
    result = run_cli("verify", "--db", typo)
    assert result.exit_code == 1 and "typo.db does not exist (nothing was created)" in result.output
    assert not typo.exists()
    text = tmp_path / "notes.db"
    text.write_text("not a database, only words " * 20)
    assert "is not an SQLite database" in run_cli("verify", "--db", text).output
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.commit()
    assert "is not a newsfacts archive (no events table)" in run_cli("verify", "--db", other).output


def test_verify_tables_finds_an_edited_derived_row(archive):
    ok = run_cli("verify", "--db", archive, "--tables")
    assert ok.exit_code == 0 and "derived tables equal a replay of the log" in ok.output
    c = plain(archive)
    c.execute("UPDATE quotes SET text = 'words nobody said' WHERE rowid = (SELECT MIN(rowid) FROM quotes)")
    c.close()
    result = run_cli("verify", "--db", archive, "--tables")
    assert result.exit_code == 1
    assert "table quotes differs from a replay of the log: 1 rows not in the replay, 1 rows missing" in result.output


def _quote(path) -> str:
    c = plain(path)
    qid = c.execute("SELECT id FROM quotes ORDER BY id LIMIT 1").fetchone()[0]
    c.close()
    return qid


def test_a_writer_waits_for_the_lock_and_says_so(archive, monkeypatch, caplog):
    qid = _quote(archive)
    monkeypatch.setenv("NEWSFACTS_LOCK_WAIT", "60")  # a bound, should the lock never be let go
    holder = sqlite3.connect(archive, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    threading.Timer(2.5, lambda: holder.execute("ROLLBACK")).start()
    started = time.monotonic()
    with caplog.at_level("WARNING", logger="newsfacts"):
        result = run_cli("verdict", qid, "true", "--db", archive)
    assert result.exit_code == 0, result.output
    assert time.monotonic() - started >= 2
    assert "the archive is locked by another writer: waiting for it" in caplog.text


def test_a_writer_gives_up_with_one_line(archive, monkeypatch):
    qid = _quote(archive)
    monkeypatch.setenv("NEWSFACTS_LOCK_WAIT", "1.5")
    holder = sqlite3.connect(archive, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        result = run_cli("verdict", qid, "true", "--db", archive)
    finally:
        holder.execute("ROLLBACK")
    assert result.exit_code == 1
    assert result.output.startswith("Error: gave up after 2s waiting for the write lock") or \
        result.output.startswith("Error: gave up after 1s waiting for the write lock")
    assert len(result.output.strip().splitlines()) == 1
