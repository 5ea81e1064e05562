"""`newsfacts serve`: a busy port is named with the way out before anything runs, Datasette
options pass on, and a signal to serve stops Datasette with it."""

from __future__ import annotations

import json
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from newsfacts.archive.db import connect
from newsfacts.archive.serve import port_taken

from .conftest import ROOT, free_port, run_cli


def empty_archive(tmp_path):
    db = tmp_path / "archive.db"
    connect(db).close()
    return db


def test_a_busy_port_is_one_line_with_the_way_out(tmp_path):
    db = empty_archive(tmp_path)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run_cli("serve", "--db", db, "--port", port)
        assert result.exit_code == 1
        lines = result.output.strip().splitlines()
        assert len(lines) == 1 and f"port {port}" in lines[0] and "newsfacts serve --port " in lines[0]
        check = subprocess.run([sys.executable, "-m", "newsfacts.archive.serve", "--check-port",
                                "--command", "./dev serve", "--port", str(port)], capture_output=True, text=True)
        assert check.returncode == 1 and "./dev serve --port " in check.stderr
    free = subprocess.run([sys.executable, "-m", "newsfacts.archive.serve", "--check-port", "--port", str(port)])
    assert free.returncode == 0


def test_dev_serve_checks_the_port_before_it_ingests():
    script = (ROOT / "dev").read_text("utf-8")
    serve = script[script.index("  serve)"):]
    assert serve.index("--check-port") < serve.index("newsfacts ingest")


def wait_for(url: str, seconds: float = 60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                return json.loads(r.read())
        except OSError:
            time.sleep(0.3)
    raise AssertionError(f"nothing answered at {url}")


def test_options_pass_on_and_a_signal_stops_datasette(tmp_path):
    db = empty_archive(tmp_path)
    port = free_port()
    newsfacts = str(Path(sys.executable).parent / "newsfacts")
    serve = subprocess.Popen([newsfacts, "serve", "--db", str(db),
                              "--port", str(port), "--setting", "num_sql_threads", "2"],
                             stdout=subprocess.DEVNULL, stderr=open(tmp_path / "serve.log", "w"))
    try:
        settings = wait_for(f"http://127.0.0.1:{port}/-/settings.json")
        assert settings["num_sql_threads"] == 2
        plugins = wait_for(f"http://127.0.0.1:{port}/-/plugins.json")
        assert "newsfacts" in {p["name"] for p in plugins}
        serve.send_signal(signal.SIGTERM)
        serve.wait(timeout=30)
        deadline = time.monotonic() + 10
        while port_taken("127.0.0.1", port) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not port_taken("127.0.0.1", port), "Datasette outlived serve"
    finally:
        if serve.poll() is None:
            serve.kill()
