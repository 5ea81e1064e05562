"""Events that age well: an archive written by an older schema version (a checked-in fixture,
made by tests/fixtures/make_v1_archive.py) verifies and replays with today's code."""

from __future__ import annotations

import shutil

import pytest
from pydantic import ValidationError

from newsfacts.archive.db import connect
from newsfacts.schema.events import EVENT_TYPES, PAYLOADS, UPCASTERS, upcast, validate_payload

from .conftest import ROOT, run_cli

FIXTURE = ROOT / "tests" / "fixtures" / "archive-schema-v1.db"


@pytest.fixture
def old(tmp_path):
    path = tmp_path / "archive.db"
    shutil.copy(FIXTURE, path)
    return path


def test_every_old_version_has_an_upcaster():
    for event_type, versions in PAYLOADS.items():
        assert sorted(versions) == list(range(1, max(versions) + 1)), event_type
        for v in versions:
            if v < max(versions):
                assert (event_type, v) in UPCASTERS, (event_type, v)
        assert EVENT_TYPES[event_type] == (versions[max(versions)], max(versions))


def test_an_old_payload_is_read_through_its_own_model_then_upcast():
    old = {"speaker_id": "a", "from": "b", "reason": None}
    with pytest.raises(ValidationError):
        validate_payload("speaker.split", old)  # today's model refuses the old shape ...
    assert upcast("speaker.split", 1, old) == {"speaker_id": "a", "from_speaker": "b", "reason": None}
    with pytest.raises(ValidationError):  # ... and an old event is held to its own version's model
        upcast("speaker.split", 1, {"speaker_id": "a", "from_speaker": "b"})
    with pytest.raises(ValueError, match="no schema version 7"):
        upcast("speaker.split", 7, old)


def test_the_fixture_holds_events_of_an_older_version(old):
    import sqlite3

    c = sqlite3.connect(old)
    rows = c.execute("SELECT type, schema_version, payload FROM events WHERE type = 'speaker.split'").fetchall()
    c.close()
    assert rows and all(v < EVENT_TYPES["speaker.split"][1] for _, v, _ in rows)
    assert all('"from":' in p for _, _, p in rows)


def test_todays_code_verifies_and_replays_an_old_archive(old):
    result = run_cli("verify", "--db", old)
    assert result.exit_code == 0, result.output
    assert "ok: 5 events, hash chain intact" in result.output
    conn = connect(old)  # opening it replays the derived tables, through the upcaster
    merged = conn.execute("SELECT payload FROM events WHERE type = 'speaker.merged'").fetchone()[0]
    assert conn.execute("SELECT COUNT(*) FROM speaker_redirects").fetchone()[0] == 0  # the split undid the merge
    assert conn.execute("SELECT COUNT(*) FROM quotes").fetchone()[0] >= 2
    assert '"into":' in merged
    conn.close()
    assert run_cli("rebuild", "--db", old).exit_code == 0
    result = run_cli("verify", "--db", old, "--tables")
    assert result.exit_code == 0, result.output
    assert "derived tables equal a replay of the log" in result.output


def test_new_events_go_on_at_the_current_version(old):
    conn = connect(old)
    a, b = [r[0] for r in conn.execute("SELECT id FROM speakers ORDER BY id LIMIT 2")]
    conn.close()
    assert run_cli("speakers", "merge", a, b, "--db", old).exit_code == 0
    assert run_cli("speakers", "split", a, "--db", old).exit_code == 0
    conn = connect(old)
    versions = [v for (v,) in conn.execute("SELECT schema_version FROM events WHERE type = 'speaker.split' ORDER BY seq")]
    assert versions == [1, EVENT_TYPES["speaker.split"][1]]
    assert run_cli("verify", "--db", old, "--tables").exit_code == 0
