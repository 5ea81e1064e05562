"""The tamper matrix: every way of changing a sealed archive is caught once a checkpoint exists,
and the event that was changed (or is missing) is named."""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from newsfacts.archive.db import connect

from .conftest import ROOT, run_cli, write
from .tamper import append_forged, copy_archive, plain, tamper
from .texts import SAMPLE


@dataclass(frozen=True)
class Sealed:
    db: Path
    cp: Path
    key: Path
    pub: Path
    size: int
    folder: Path


@pytest.fixture(scope="module")
def base(tmp_path_factory) -> Sealed:
    """Two articles, a verdict, and a checkpoint of those 7 events (recorded as event 8)."""
    top = tmp_path_factory.mktemp("sealed")
    folder = top / "in"
    write(folder, "sample.txt", SAMPLE)
    write(folder, "caledonia.txt", (ROOT / "samples" / "new-caledonia-referendum-2021.txt").read_text("utf-8"))
    db = top / "archive.db"
    assert run_cli("ingest", folder, "--db", db, "-q").exit_code == 0
    c = connect(db)
    qid = c.execute("SELECT id FROM quotes ORDER BY id LIMIT 1").fetchone()[0]
    c.close()
    assert run_cli("verdict", qid, "false", "--db", db).exit_code == 0
    key = top / "keys" / "cp.key"
    assert run_cli("keygen", "--key", key).exit_code == 0
    cp = top / "cp.json"
    result = run_cli("checkpoint", "--db", db, "--key", key, "--out", cp)
    assert result.exit_code == 0, result.output
    return Sealed(db, cp, key, key.with_name("cp.key.pub"), json.loads(cp.read_text())["size"], folder)


@pytest.fixture
def sealed(base, tmp_path) -> Sealed:
    db = copy_archive(base.db, tmp_path / "archive.db")
    cp = tmp_path / "cp.json"
    shutil.copy(base.cp, cp)
    return Sealed(db, cp, base.key, base.pub, base.size, base.folder)


def verify(s: Sealed, *extra):
    return run_cli("verify", "--db", s.db, "--checkpoint", s.cp, "--public-key", s.pub, *extra)


def test_the_sealed_archive_verifies(sealed):
    assert sealed.size == 7
    result = verify(sealed, "--complete")
    assert result.exit_code == 0, result.output
    assert "ok, the log (8 events) extends it consistently" in result.output


def test_edit(sealed):
    tamper(sealed.db, """UPDATE events SET payload = replace(payload, '"revision":1', '"revision":2') WHERE seq = 3""")
    result = verify(sealed)
    assert result.exit_code == 1
    assert result.output.startswith("event 3: its content does not match its hash")
    assert "event 3 differs from the one the checkpoint signed" in result.output


def test_edit_with_its_own_hash_recomputed_names_the_edited_event(sealed):
    tamper(sealed.db, "UPDATE events SET actor = 'mallory' WHERE seq = 2", rechain_from=2)
    tamper(sealed.db, "UPDATE events SET prev_hash = (SELECT hash FROM events WHERE seq = 2) WHERE seq = 2")
    c = plain(sealed.db)  # put event 3's prev_hash back as it was: only event 2 was rehashed
    c.close()
    result = verify(sealed)
    assert result.exit_code == 1
    assert "event 2 differs" in result.output


def test_delete_in_the_middle(sealed):
    tamper(sealed.db, "DELETE FROM events WHERE seq = 4")
    result = verify(sealed)
    assert result.exit_code == 1
    assert result.output.startswith("event 4: event 4 is missing")
    assert "event 4 differs" in result.output


def test_delete_in_the_middle_renumbered_and_rechained(sealed):
    tamper(sealed.db, "DELETE FROM events WHERE seq = 4", "UPDATE events SET seq = seq - 1 WHERE seq > 4",
           rechain_from=4)
    chain_only = run_cli("verify", "--db", sealed.db)
    assert "hash chain intact" in chain_only.output  # the chain alone cannot tell
    result = verify(sealed)
    assert result.exit_code == 1
    assert "event 4 differs from the one the checkpoint signed" in result.output


def test_reorder(sealed):
    """Events 4 and 5 (the second article's original and its revision) swapped, then rechained."""
    tamper(sealed.db, "CREATE TEMP TABLE swap AS SELECT * FROM events WHERE seq IN (4, 5)",
           "DELETE FROM events WHERE seq IN (4, 5)",
           "INSERT INTO events SELECT 9 - seq, stream, version, type, schema_version, payload, recorded_at, "
           "actor, prev_hash, hash FROM swap", rechain_from=4)
    assert "hash chain intact" in run_cli("verify", "--db", sealed.db).output
    result = verify(sealed)
    assert result.exit_code == 1
    assert "event 4 differs" in result.output


def test_cut_tail(sealed):
    tamper(sealed.db, "DELETE FROM events WHERE seq >= 6")
    assert "hash chain intact" in run_cli("verify", "--db", sealed.db).output
    result = verify(sealed)
    assert result.exit_code == 1
    assert "events 6..7 are missing (a cut tail, or a rollback" in result.output


def test_rollback_to_an_older_copy(sealed, tmp_path):
    yesterday = copy_archive(sealed.db, tmp_path / "yesterday.db")
    c = connect(sealed.db)
    qid = c.execute("SELECT id FROM quotes ORDER BY id DESC LIMIT 1").fetchone()[0]
    c.close()
    assert run_cli("verdict", qid, "true", "--db", sealed.db).exit_code == 0
    today = tmp_path / "today.json"
    assert run_cli("checkpoint", "--db", sealed.db, "--key", sealed.key, "--out", today).exit_code == 0
    copy_archive(yesterday, sealed.db)  # yesterday's copy put back
    assert "hash chain intact" in run_cli("verify", "--db", sealed.db).output
    result = run_cli("verify", "--db", sealed.db, "--checkpoint", sealed.cp, "--checkpoint", today)
    assert result.exit_code == 1
    assert "the log has 8 events and the checkpoint 9: events 9..9 are missing" in result.output


def test_rewrite_from_an_event_on(sealed):
    tamper(sealed.db, "UPDATE events SET payload = json_set(payload, '$.rating', 'true') "
                      "WHERE type = 'verdict.recorded'", rechain_from=7)
    assert "hash chain intact" in run_cli("verify", "--db", sealed.db).output
    result = verify(sealed)
    assert result.exit_code == 1
    assert "event 7 differs from the one the checkpoint signed" in result.output
    # the checkpoint the log recorded about itself no longer fits either
    assert "checkpoint recorded in event 8 (size 7)" in result.output


def test_rewrite_from_the_first_event(sealed):
    tamper(sealed.db, "UPDATE events SET actor = 'mallory'", rechain_from=1)
    result = verify(sealed)
    assert result.exit_code == 1
    assert "event 1 differs from the checkpoint's: the history was rewritten from event 1" in result.output


@pytest.mark.parametrize("statement", ["DROP TABLE events", "ALTER TABLE events RENAME TO old_events"])
def test_drop_or_rename_table_events(sealed, statement):
    c = plain(sealed.db)
    c.execute(statement)
    c.close()
    result = verify(sealed)
    assert result.exit_code == 1
    assert "has no events table: its log was dropped or renamed" in result.output
    ingest = run_cli("ingest", sealed.folder, "--db", sealed.db, "-q")
    assert ingest.exit_code == 1
    assert "the events table is missing (dropped or renamed)" in ingest.output
    c = plain(sealed.db)
    assert not c.execute("SELECT 1 FROM sqlite_master WHERE name = 'events'").fetchone()  # not re-created
    c.close()


def test_forged_appended_event_with_a_made_up_hash(sealed):
    c = plain(sealed.db)
    seq = append_forged(c, '{"claim_id":"x","claim_table":"quotes","verdict":"true","note":null}', good_hash=False)
    c.close()
    result = verify(sealed)
    assert result.exit_code == 1
    assert result.output.startswith(f"event {seq}: its content does not match its hash")
    qid = plain(sealed.db).execute("SELECT id FROM quotes LIMIT 1").fetchone()[0]
    refused = run_cli("verdict", qid, "true", "--db", sealed.db)
    assert refused.exit_code == 1 and f"the last event ({seq}) does not match its hash" in refused.output


def test_forged_appended_event_with_a_good_hash(sealed):
    """Well formed and well chained: only a checkpoint can say it was not the owner's; with
    --complete, everything past the newest checkpoint (but its own record) is refused."""
    c = plain(sealed.db)
    seq = append_forged(c, '{"claim_id":"x","claim_table":"quotes","verdict":"true","note":null}', good_hash=True)
    c.close()
    plain_verify = verify(sealed)
    assert plain_verify.exit_code == 0 and f"events 8..{seq} are not covered by it" in plain_verify.output
    result = verify(sealed, "--complete")
    assert result.exit_code == 1
    assert f"event {seq} (verdict.recorded) and 0 more follow the newest checkpoint (size 7)" in result.output


def test_rehashed_edit_of_the_last_event(sealed, tmp_path):
    """The last event is covered by a checkpoint kept outside the log (--no-record)."""
    outside = tmp_path / "outside.json"
    assert run_cli("checkpoint", "--db", sealed.db, "--key", sealed.key, "--no-record", "--out", outside).exit_code == 0
    tamper(sealed.db, "UPDATE events SET actor = 'mallory' WHERE seq = 8", rechain_from=8)
    assert "hash chain intact" in run_cli("verify", "--db", sealed.db).output
    result = run_cli("verify", "--db", sealed.db, "--checkpoint", outside)
    assert result.exit_code == 1
    assert "event 8 differs from the one the checkpoint signed" in result.output


def test_rehashed_edit_of_the_recorded_checkpoint(sealed):
    """The last event is the checkpoint itself: an edit of what it states breaks its signature."""
    tamper(sealed.db, "UPDATE events SET payload = json_set(payload, '$.size', 6) WHERE seq = 8", rechain_from=8)
    result = run_cli("verify", "--db", sealed.db)
    assert result.exit_code == 1
    assert "checkpoint recorded in event 8 (size 6): its signature does not verify" in result.output


def test_an_altered_checkpoint_file_is_refused(sealed):
    data = json.loads(sealed.cp.read_text())
    data["size"] = 5
    sealed.cp.write_text(json.dumps(data))
    result = verify(sealed)
    assert result.exit_code == 1
    assert "its signature does not verify" in result.output


def test_a_checkpoint_of_another_key_is_refused_when_a_key_is_pinned(sealed, tmp_path):
    other = tmp_path / "other.key"
    assert run_cli("keygen", "--key", other).exit_code == 0
    result = run_cli("verify", "--db", sealed.db, "--checkpoint", sealed.cp, "--public-key", f"{other}.pub")
    assert result.exit_code == 1
    assert "not by the key given" in result.output


def test_a_checkpoint_is_never_signed_over_a_broken_chain(sealed, tmp_path):
    tamper(sealed.db, "UPDATE events SET actor = 'mallory' WHERE seq = 3")
    result = run_cli("checkpoint", "--db", sealed.db, "--key", sealed.key, "--no-record", "--out", tmp_path / "x.json")
    assert result.exit_code == 1
    assert "refusing to sign: event 3: its content does not match its hash" in result.output
    assert not (tmp_path / "x.json").exists()
