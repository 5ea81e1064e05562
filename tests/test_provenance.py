"""Provenance through the archive: a page fetched from a URL keeps its address and exact bytes."""

from __future__ import annotations

import asyncio
import http.server
import threading

import pytest
from datasette.app import Datasette

from newsfacts.archive.db import connect
from newsfacts.archive.originals import original_bytes

from .conftest import run_cli

PARAGRAPHS = "".join(
    f"<p>The harbour authority said on Monday that repairs to pier {n} would cost about "
    f"${n + 2} million and take {n + 5} months, according to its annual report.</p>" for n in range(8))
PAGE = f"""<!doctype html><html><head><title>Harbour repairs to cost millions</title>
<meta property="og:site_name" content="Example Harbour News">
<meta property="article:published_time" content="2024-04-02T08:00:00+00:00">
<link rel="canonical" href="https://harbour.example.org/repairs"></head>
<body><nav><a href="/">Home</a> <a href="/sport">Sport</a></nav>
<article><h1>Harbour repairs to cost millions</h1>
<p>“We have put this off for too long,” said Mira Olsen, the authority's director.</p>
{PARAGRAPHS}</article><footer>Copyright Example Harbour News</footer></body></html>""".encode()


@pytest.fixture
def server():
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            if self.path == "/repairs":
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(PAGE)))
                self.end_headers()
                self.wfile.write(PAGE)
            else:
                self.send_error(404)

        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def test_url_ingest_keeps_address_metadata_and_original_bytes(tmp_path, server):
    db = tmp_path / "archive.db"
    result = run_cli("ingest", f"{server}/repairs", f"{server}/missing", "--db", db)
    assert result.exit_code == 1
    assert "1 ingested" in result.output and "1 failed" in result.output
    assert "404" in result.output
    conn = connect(db)
    art = conn.execute("SELECT a.*, t.text FROM articles a JOIN texts t ON t.id = a.text_id").fetchone()
    assert art["title"] == "Harbour repairs to cost millions"
    assert art["outlet"] == "Example Harbour News" and art["published"] == "2024-04-02"
    assert art["reader"] == "html" and "Home" not in art["text"] and "Mira Olsen" in art["text"]
    sighting = conn.execute("SELECT * FROM sightings").fetchone()
    assert sighting["source"] == f"{server}/repairs"
    assert original_bytes(conn, sighting["raw_sha256"]) == PAGE
    # kept once, compressed as in the log, and served as read
    kept = conn.execute("SELECT size, length(content) FROM originals").fetchone()
    assert kept[0] == len(PAGE) and kept[1] < len(PAGE) / 2
    ds = Datasette([str(db)])
    served = asyncio.run(ds.client.get(f"/archive/-/original/{sighting['raw_sha256']}"))
    assert served.status_code == 200 and served.content == PAGE
    assert asyncio.run(ds.client.get(f"/archive/-/original/{'0' * 64}")).status_code == 404
    # fetched again: nothing new
    again = run_cli("ingest", f"{server}/repairs", "--db", db)
    assert "1 unchanged" in again.output


def test_an_original_is_kept_compressed_against_its_own_text(tmp_path):
    """A plain-text original is mostly the text read from it, which the log holds anyway: it is
    compressed with that text as zlib's dictionary, and still comes back byte for byte after a
    new revision has moved that text out of articles."""
    from .conftest import write

    body = "".join(f"The ferry operator said crossing {n} would resume after repairs costing ${n} million.\n\n"
                   for n in range(1, 30))
    src = write(tmp_path / "in", "ferry.txt", "title: Ferries resume\n\n" + body)
    db = tmp_path / "archive.db"
    assert run_cli("ingest", src, "--db", db).exit_code == 0
    first = src.read_bytes()
    write(tmp_path / "in", "ferry.txt", "title: Ferries resume\n\n" + body.replace("$7 million", "$9 million"))
    assert "1 revised" in run_cli("ingest", src, "--db", db).output
    conn = connect(db)
    rows = conn.execute("SELECT sha256, size, length(content), compression, text_of FROM originals ORDER BY event_seq").fetchall()
    assert [r["compression"] for r in rows] == ["zlib+text", "zlib+text"]
    assert [r["text_of"].rsplit("/", 1)[1] for r in rows] == ["1", "2"]
    assert all(r["length(content)"] < r["size"] / 20 for r in rows)  # back-references, not a second copy
    assert original_bytes(conn, rows[0]["sha256"]) == first  # its text now in revisions, not articles
    assert original_bytes(conn, rows[1]["sha256"]) == src.read_bytes()
    assert run_cli("verify", "--db", db, "--tables").exit_code == 0
