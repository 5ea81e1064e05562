"""The event log's invariants: append-only, ordered and complete, hash-chained, verifiable."""

from __future__ import annotations

import json
import sqlite3

import pytest

from newsfacts.archive import log
from newsfacts.archive.db import connect, transaction
from newsfacts.archive.store import append_and_apply
from newsfacts.schema.events import EVENT_TYPES

from .conftest import run_cli


@pytest.mark.parametrize("statement", [
    "UPDATE events SET actor = 'mallory' WHERE seq = 1",
    "UPDATE events SET payload = '{}'",
    "DELETE FROM events WHERE seq = 1",
    "DELETE FROM events",
    "INSERT OR REPLACE INTO events SELECT * FROM events WHERE seq = 1",
    "REPLACE INTO events (seq, stream, version, type, schema_version, payload, recorded_at, actor, hash) "
    "VALUES (1, 'x', 1, 'article.revised', 1, '{}', 'now', 'me', 'h')",
    "INSERT INTO events (stream, version, type, schema_version, payload, recorded_at, actor, hash) "
    "SELECT stream, version, type, schema_version, payload, recorded_at, actor, hash FROM events WHERE seq = 1",
])
def test_events_cannot_be_changed_from_a_plain_connection(archive, statement):
    plain = sqlite3.connect(archive)
    before = plain.execute("SELECT * FROM events ORDER BY seq").fetchall()
    with pytest.raises(sqlite3.DatabaseError):
        plain.execute(statement)
        plain.commit()
    plain.rollback()
    assert plain.execute("SELECT * FROM events ORDER BY seq").fetchall() == before


def test_every_event_has_its_fields(conn):
    rows = conn.execute("SELECT * FROM events ORDER BY seq").fetchall()
    assert len(rows) >= 4
    assert [r["seq"] for r in rows] == list(range(1, len(rows) + 1))
    streams: dict[str, int] = {}
    prev = None
    for r in rows:
        streams[r["stream"]] = streams.get(r["stream"], 0) + 1
        assert r["version"] == streams[r["stream"]]
        assert r["type"] in ("article.revised", "claims.extracted", "original.stored", "article.sighted")
        assert r["schema_version"] == EVENT_TYPES[r["type"]][1]  # written at its type's current version
        assert isinstance(json.loads(r["payload"]), dict)
        assert r["recorded_at"].endswith("+00:00")
        assert r["actor"]
        assert r["prev_hash"] == prev
        assert len(r["hash"]) == 64
        prev = r["hash"]
    assert {t for (t,) in conn.execute("SELECT type FROM events")} >= {"article.revised", "claims.extracted"}


def test_unique_stream_version_in_schema(conn):
    sql = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'events'").fetchone()[0]
    assert "UNIQUE (stream, version)" in sql and "INTEGER PRIMARY KEY" in sql


def test_payload_is_validated_before_append(conn):
    with pytest.raises(Exception):
        with transaction(conn):
            log.append(conn, "article:x", "claims.extracted", {"article_id": "x", "revision": 0})
    with pytest.raises(ValueError, match="unknown event type"):
        with transaction(conn):
            log.append(conn, "x", "no.such.type", {})
    with pytest.raises(RuntimeError):
        log.append(conn, "x", "speaker.merged", {"speaker_id": "a", "into": "b"})


def test_verify_accepts_an_intact_log(archive):
    result = run_cli("verify", "--db", archive)
    assert result.exit_code == 0
    assert "hash chain intact" in result.output


def _tamper(path, sql):
    """What an attacker with the file could do: drop the trigger, then edit."""
    c = sqlite3.connect(path)
    c.execute("DROP TRIGGER events_no_update")
    c.execute("DROP TRIGGER events_no_delete")
    c.execute(sql)
    c.commit()
    c.close()


def test_verify_names_the_first_altered_event(archive):
    _tamper(archive, """UPDATE events SET payload = replace(payload, '"revision":1', '"revision":7') WHERE seq = 3""")
    result = run_cli("verify", "--db", archive)
    assert result.exit_code == 1
    assert result.output.startswith("event 3:")
    assert "altered" in result.output


def test_verify_names_a_removed_event(archive):
    _tamper(archive, "DELETE FROM events WHERE seq = 2")
    result = run_cli("verify", "--db", archive)
    assert result.exit_code == 1
    assert "event 2" in result.output


def test_verify_catches_a_rehashed_edit(archive):
    """Recomputing the edited event's own hash does not help: the next event's prev_hash breaks,
    and the edited event is named, not the next one (whose own hash still holds)."""
    c = connect(archive)
    row = c.execute("SELECT * FROM events WHERE seq = 1").fetchone()
    digest = log.event_hash(1, row["stream"], row["version"], row["type"], row["schema_version"],
                            row["payload"], row["recorded_at"], "mallory", None)
    c.close()
    _tamper(archive, f"UPDATE events SET actor = 'mallory', hash = '{digest}' WHERE seq = 1")
    result = run_cli("verify", "--db", archive)
    assert result.exit_code == 1
    assert result.output.startswith("event 1: it was altered and given a new hash")


def test_events_outside_ingest_are_appended_to_their_stream(conn):
    e1 = append_and_apply(conn, "claim:x", "verdict.recorded",
                          {"claim_id": "x", "claim_table": "quotes", "verdict": "true"})
    e2 = append_and_apply(conn, "claim:x", "verdict.recorded",
                          {"claim_id": "x", "claim_table": "quotes", "verdict": "false", "note": "corrected"})
    assert (e1.version, e2.version) == (1, 2)
    assert e2.prev_hash == e1.hash
    assert [r[0] for r in conn.execute("SELECT verdict FROM verdict_history ORDER BY event_seq")] == ["true", "false"]
    assert [r[0] for r in conn.execute("SELECT verdict FROM verdicts")] == ["false"]  # the same actor: superseded
