"""`newsfacts backup`: a consistent copy while another process writes, verified against the
latest checkpoint."""

from __future__ import annotations

import threading

from newsfacts.archive.db import connect
from newsfacts.archive.store import append_and_apply

from .conftest import run_cli


def test_backup_while_writes_go_on_verifies_against_the_checkpoint(archive, tmp_path):
    key = tmp_path / "cp.key"
    assert run_cli("keygen", "--key", key).exit_code == 0
    assert run_cli("checkpoint", "--db", archive, "--key", key).exit_code == 0
    stop, written = threading.Event(), []

    def writer():
        conn = connect(archive)
        while not stop.is_set() and len(written) < 2000:
            written.append(append_and_apply(conn, "claim:x", "verdict.recorded",
                                            {"claim_id": "x", "claim_table": "quotes", "verdict": "true"}).seq)
        conn.close()

    t = threading.Thread(target=writer)
    t.start()
    try:
        while len(written) < 20:
            pass
        copies = []
        for i in range(3):
            dest = tmp_path / f"copy{i}.db"
            result = run_cli("backup", dest, "--db", archive)
            assert result.exit_code == 0, result.output
            assert "verified against the checkpoint of size" in result.output
            copies.append(dest)
    finally:
        stop.set()
        t.join()
    sizes = []
    for dest in copies:
        c = connect(dest)
        sizes.append(c.execute("SELECT COUNT(*) FROM events").fetchone()[0])
        c.close()
        assert run_cli("verify", "--db", dest, "--tables").exit_code == 0
    assert sizes == sorted(sizes) and sizes[-1] <= written[-1]
    assert not list(tmp_path.glob("*.partial"))


def test_backup_never_overwrites(archive, tmp_path):
    dest = tmp_path / "copy.db"
    dest.write_text("precious")
    result = run_cli("backup", dest, "--db", archive)
    assert result.exit_code == 1 and "exists: a backup never overwrites" in result.output
    assert dest.read_text() == "precious"
    assert "no checkpoint yet" in run_cli("backup", tmp_path / "fresh.db", "--db", archive).output
