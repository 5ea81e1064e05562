"""A wheel install serves the same archive as a checkout: metadata, templates and static files are
package data. The wheel is built from a copy of the checkout and installed into a fresh virtual
environment that borrows the dependencies of the running one (nothing is downloaded)."""

from __future__ import annotations

import json
import shutil
import signal
import subprocess
import sys
import sysconfig
import time
import urllib.error
import urllib.request
import zipfile
from pathlib import Path
from urllib.parse import urlencode

import pytest

from .conftest import ROOT, free_port

pytestmark = pytest.mark.slow


def fetch(url: str):
    try:
        with urllib.request.urlopen(url, timeout=30) as r:
            return r.status, json.loads(r.read())
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read() or b"null")


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("wheel")
    files = subprocess.run(["git", "ls-files", "-co", "--exclude-standard"], cwd=ROOT, capture_output=True,
                           text=True, check=True).stdout.split()
    src = tmp / "src"
    for name in files:
        path = ROOT / name
        if path.is_symlink() or path.is_file():
            (src / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, src / name, follow_symlinks=False)
    dist = tmp / "dist"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(dist),
                    str(src)], check=True)
    wheel = next(dist.glob("newsfacts-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for data in ("newsfacts/archive/web/metadata.yml", "newsfacts/archive/web/templates/nf_article.html",
                 "newsfacts/archive/web/static/newsfacts.css", "newsfacts/schema/tables.sql"):
        assert data in names, data
    env = tmp / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(env)], check=True)
    site = Path(subprocess.run([str(env / "bin" / "python"), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                               capture_output=True, text=True, check=True).stdout.strip())
    (site / "borrowed-dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n")
    subprocess.run([sys.executable, "-m", "pip", "--python", str(env / "bin" / "python"), "install", "--no-deps",
                    "--no-index", "-q", str(wheel)], check=True)
    return env


def test_the_wheel_serves_facets_search_and_every_named_query(installed, tmp_path):
    import yaml

    py = installed / "bin" / "python"
    where = subprocess.run([str(py), "-c", "import newsfacts.archive.web as w; print(w.__file__)"],
                           capture_output=True, text=True, check=True, cwd=tmp_path).stdout
    assert str(installed) in where  # the installed copy, not the checkout
    shutil.copytree(ROOT / "samples", tmp_path / "in")
    db = tmp_path / "archive.db"
    subprocess.run([str(installed / "bin" / "newsfacts"), "ingest", str(tmp_path / "in"), "--db", str(db), "-q",
                    "--workers", "1"], check=True, cwd=tmp_path)
    port = free_port()
    serve = subprocess.Popen([str(installed / "bin" / "newsfacts"), "serve", "--db", str(db), "--port", str(port)],
                             cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}/archive"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                status, _ = fetch(f"{base}.json")
                break
            except OSError:
                assert time.monotonic() < deadline, "serve did not start"
                time.sleep(0.3)
        _, quotes = fetch(f"{base}/quotes.json?_size=1")
        assert {"speaker", "kind", "outlet"} <= set(quotes["facet_results"])
        status, found = fetch(f"{base}/articles.json?" + urlencode({"_search": "referend*", "_shape": "array"}))
        assert status == 200 and len(found) == 1
        status, found = fetch(f"{base}/quotes.json?" + urlencode({"_search": "Calder's OR \"wall", "_shape": "array"}))
        assert status == 200
        meta = yaml.safe_load((ROOT / "metadata.yml").read_text("utf-8"))["databases"]["archive"]["queries"]
        _, listed = fetch(f"{base}.json")
        assert {q["name"] for q in listed["queries"]} == set(meta)
        _, articles = fetch(f"{base}/articles.json?_shape=array&_size=1")
        values = {"article_id": articles[0]["id"], "as_of": "9999-12-31", "speaker": "Calder", "word": "bridge",
                  "date": "2024", "q": "bridge"}
        for name, query in meta.items():
            from newsfacts.archive.web.queries import parameters

            params = {p: values[p] for p in parameters(query["sql"])}
            status, rows = fetch(f"{base}/{name}.json?" + urlencode({**params, "_shape": "array"}))
            assert status == 200 and isinstance(rows, list), name
            if params:
                status, answer = fetch(f"{base}/{name}.json")
                assert status == 400 and "needs" in answer["error"], name
        _, plugins = fetch(f"http://127.0.0.1:{port}/-/plugins.json")
        assert "newsfacts" in {p["name"] for p in plugins}
        css = urllib.request.urlopen(f"http://127.0.0.1:{port}/-/static-plugins/newsfacts/newsfacts.css", timeout=30)
        assert b".nf-mark" in css.read()
        page = urllib.request.urlopen(f"{base}/articles/{articles[0]['id']}", timeout=30).read().decode()
        assert "data-claim-id" in page
    finally:
        serve.send_signal(signal.SIGTERM)
        serve.wait(timeout=30)
