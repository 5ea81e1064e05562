"""Extraction on a Dask cluster (a scheduler and two workers started here, on 127.0.0.1): the
events are the ones a single process appends, and a worker that dies loses no article."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

from newsfacts.archive.batch import ingest
from newsfacts.archive.db import connect

from .conftest import free_port, run_cli, write
from .test_faults import with_a_long_one
from .texts import article

pytestmark = pytest.mark.slow
DASK = Path(sys.executable).parent / "dask"


@contextmanager
def _cluster(log: Path, workers: int, nanny: bool):
    """tcp://127.0.0.1:PORT with `workers` single-thread workers, and their processes."""
    from distributed import Client

    port = free_port()
    address = f"tcp://127.0.0.1:{port}"
    out = log.open("wb")
    procs = [subprocess.Popen([str(DASK), "scheduler", "--host", "127.0.0.1", "--port", str(port),
                               "--no-dashboard"], stdout=out, stderr=out)]
    for _ in range(workers):
        procs.append(subprocess.Popen([str(DASK), "worker", address, "--nthreads", "1",
                                       *([] if nanny else ["--no-nanny"]),
                                       "--host", "127.0.0.1", "--no-dashboard"], stdout=out, stderr=out))
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                with Client(address, timeout="5s") as client:
                    client.wait_for_workers(workers, timeout=120)
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.5)
        yield {"address": address, "workers": procs[1:]}
    finally:
        for p in procs:
            p.kill()
            p.wait()
        out.close()


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    """Two single-thread workers (no nanny: a killed worker stays dead)."""
    with _cluster(tmp_path_factory.mktemp("dask") / "dask.log", 2, nanny=False) as c:
        yield c


def _events(db: Path) -> list[tuple]:
    """What the log says, without when it was recorded and when the files were read (the two
    runs read them at different moments)."""
    conn = connect(db)
    rows = []
    for r in conn.execute("SELECT * FROM events ORDER BY seq"):
        payload = json.loads(r["payload"])
        for holder in (payload, payload.get("article") or {}):
            holder.pop("read_at", None)
        rows.append((r["stream"], r["version"], r["type"], payload))
    conn.close()
    return rows


@pytest.fixture
def folder(tmp_path) -> Path:
    for n in range(8):
        write(tmp_path / "in", f"a{n}.txt", article(n, published=f"2024-0{n % 9 + 1}-1{n}"))
    return tmp_path / "in"


def test_events_on_a_cluster_equal_a_single_process_run(tmp_path, folder, cluster):
    one = run_cli("ingest", folder, "--db", tmp_path / "one.db", "--workers", "1", "-q")
    assert one.exit_code == 0, one.output
    on_cluster = run_cli("ingest", folder, "--db", tmp_path / "dask.db", "--scheduler", cluster["address"], "-q")
    assert on_cluster.exit_code == 0, on_cluster.output
    assert "8 ingested" in on_cluster.output
    assert _events(tmp_path / "dask.db") == _events(tmp_path / "one.db")
    again = run_cli("ingest", folder, "--db", tmp_path / "dask.db", "--scheduler", cluster["address"], "-q")
    assert "8 unchanged" in again.output  # a run again appends nothing


def test_a_dying_worker_loses_no_article(tmp_path, folder, cluster):
    assert run_cli("ingest", folder, "--db", tmp_path / "one.db", "--workers", "1", "-q").exit_code == 0
    victim = cluster["workers"][0]

    def progress(summary, source):
        if sum(summary.counts.values()) == 1 and victim.poll() is None:
            victim.kill()  # mid-ingest: chunks sent to it must be done elsewhere
            victim.wait()

    conn = connect(tmp_path / "dask.db")
    summary = ingest(conn, [str(folder)], chunk_size=1, progress=progress, scheduler=cluster["address"])
    conn.close()
    assert victim.poll() is not None
    assert summary.counts["ingested"] == 8 and not summary.failures
    assert _events(tmp_path / "dask.db") == _events(tmp_path / "one.db")


def test_an_article_past_the_time_limit_is_stopped_on_the_worker_and_the_rest_go_in(tmp_path, folder):
    """Dask's own workers (a nanny's daemonic children) stop an article as a local ingest does."""
    with_a_long_one(folder, 0, "a3-long.txt")
    with _cluster(tmp_path / "dask.log", 1, nanny=True) as c:
        result = run_cli("ingest", folder, "--db", tmp_path / "dask.db", "--scheduler", c["address"],
                         "--time-limit", "8", "-q")
        assert result.exit_code == 1
        assert "8 ingested" in result.output and "1 failed" in result.output, result.output
        assert "a3-long.txt: extraction failed: stopped after 8 s (the time limit per article)" in result.output
        assert c["workers"][0].poll() is None  # the Dask worker lives on
