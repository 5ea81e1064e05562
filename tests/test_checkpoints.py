"""Checkpoints as people use them: a key, a signed statement kept outside, a proof for a third
party, and the checkpoints served read-only by Datasette."""

from __future__ import annotations

import asyncio
import json
import os
import stat

import pytest
import yaml
from datasette.app import Datasette

from newsfacts.archive import keys
from newsfacts.archive.db import connect

from .conftest import ROOT, run_cli


@pytest.fixture
def key(tmp_path):
    path = tmp_path / "keys" / "cp.key"
    result = run_cli("keygen", "--key", path)
    assert result.exit_code == 0, result.output
    return path


def test_keygen_makes_a_private_file_and_never_overwrites_it(key):
    assert stat.S_IMODE(os.stat(key).st_mode) == 0o600
    assert b"BEGIN PRIVATE KEY" in key.read_bytes()
    assert keys.load_public(key.with_name("cp.key.pub")) == keys.load_public(key)
    before = key.read_bytes()
    again = run_cli("keygen", "--key", key)
    assert again.exit_code == 1 and "already exists: a key is never overwritten" in again.output
    assert key.read_bytes() == before


def test_an_encrypted_key_needs_its_passphrase(tmp_path, monkeypatch, archive):
    monkeypatch.setenv(keys.PASSPHRASE_ENV, "correct horse")
    path = tmp_path / "locked.key"
    assert run_cli("keygen", "--key", path).exit_code == 0
    assert b"ENCRYPTED PRIVATE KEY" in path.read_bytes()
    monkeypatch.setenv(keys.PASSPHRASE_ENV, "wrong")
    result = run_cli("checkpoint", "--db", archive, "--key", path)
    assert result.exit_code == 1 and "not a usable key" in result.output
    monkeypatch.setenv(keys.PASSPHRASE_ENV, "correct horse")
    assert run_cli("checkpoint", "--db", archive, "--key", path).exit_code == 0


def test_checkpoint_states_the_log_and_is_recorded_in_it(archive, key, tmp_path):
    out = tmp_path / "cp.json"
    result = run_cli("checkpoint", "--db", archive, "--key", key, "--out", out)
    assert result.exit_code == 0, result.output
    cp = json.loads(out.read_text())
    conn = connect(archive)
    n = conn.execute("SELECT COUNT(*) FROM events").fetchone()[0]
    assert cp["size"] == n - 1  # the event that records it comes after what it covers
    assert cp["statement"].splitlines() == ["newsfacts checkpoint v1", cp["origin"], str(cp["size"]), cp["root"],
                                            cp["time"]]
    assert cp["key_id"] == keys.key_id(keys.load_public(key))
    assert keys.signature_ok(keys.load_public(key), cp["statement"].encode(), cp["signature"])
    row = conn.execute("SELECT * FROM checkpoints").fetchone()
    assert (row["event_seq"], row["size"], row["root"], row["signature"]) == (n, cp["size"], cp["root"],
                                                                             cp["signature"])
    printed = run_cli("checkpoint", "--db", archive, "--key", key)
    assert json.loads(printed.output)["size"] == n


def test_checkpoints_are_served_read_only(archive, key):
    assert run_cli("checkpoint", "--db", archive, "--key", key).exit_code == 0
    metadata = yaml.safe_load((ROOT / "metadata.yml").read_text("utf-8"))
    ds = Datasette([str(archive)], metadata=metadata)
    rows = asyncio.run(ds.client.get("/archive/checkpoints.json?_shape=array")).json()
    assert len(rows) == 1 and rows[0]["size"] >= 4 and len(rows[0]["root"]) == 64
    refused = asyncio.run(ds.client.get("/archive.json?sql=delete+from+checkpoints"))
    assert refused.status_code == 400
    assert asyncio.run(ds.client.get("/archive/checkpoints.json?_shape=array")).json() == rows


def test_an_inclusion_proof_convinces_a_third_party(archive, key, tmp_path):
    assert run_cli("checkpoint", "--db", archive, "--key", key).exit_code == 0
    result = run_cli("prove", "2", "--db", archive)
    assert result.exit_code == 0, result.output
    proof = json.loads(result.output)
    assert proof["event"]["seq"] == 2 and proof["leaf_index"] == 1 and proof["path"]
    path = tmp_path / "proof.json"
    path.write_text(result.output)
    ok = run_cli("verify-proof", path, "--public-key", key.with_name("cp.key.pub"))
    assert ok.exit_code == 0 and ok.output.startswith("ok: event 2 (")

    def refused(change) -> str:
        bad = json.loads(result.output)
        change(bad)
        path.write_text(json.dumps(bad))
        r = run_cli("verify-proof", path)
        assert r.exit_code == 1
        return r.output

    assert "content does not match its hash" in refused(lambda p: p["event"].update(actor="mallory"))
    assert "audit path does not lead" in refused(lambda p: p["path"].__setitem__(0, "00" * 32))
    assert "signature does not verify" in refused(lambda p: p["checkpoint"].update(size=p["checkpoint"]["size"] + 1))
    assert "position" in refused(lambda p: p.update(leaf_index=0))


def test_prove_needs_a_checkpoint_covering_the_event(archive, key):
    assert "no checkpoint yet" in run_cli("prove", "1", "--db", archive).output
    assert run_cli("checkpoint", "--db", archive, "--key", key).exit_code == 0
    n = connect(archive).execute("SELECT MAX(seq) FROM events").fetchone()[0]
    result = run_cli("prove", str(n), "--db", archive)
    assert result.exit_code == 1 and "not covered by the checkpoint" in result.output


def test_checkpoint_refuses_an_empty_log(tmp_path, key):
    connect(tmp_path / "empty.db").close()
    result = run_cli("checkpoint", "--db", tmp_path / "empty.db", "--key", key)
    assert result.exit_code == 1 and "the log is empty" in result.output
