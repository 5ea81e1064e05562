"""Inputs that are not articles, and inputs that must not stall or sink a batch (issue 13):
odd file names, FIFOs, symbolic links, sidecar files, short texts and scalars, login pages,
`javascript:` URLs, text in the wrong encoding, feeds cut off, gzip bombs."""

from __future__ import annotations

import gzip
import http.server
import os
import socketserver
import threading
import time

import pytest

from newsfacts.archive.batch import ingest
from newsfacts.archive.db import connect
from newsfacts.ingest.sources import Article, ReadError, iter_bytes, iter_inputs

from .conftest import run_cli, write
from .test_readers import RSS
from .texts import article


def articles(items):
    return [i for i in items if isinstance(i, Article)]


def read(data: bytes, name: str) -> list:
    """The items of one input in memory, its whole-input error included."""
    try:
        return list(iter_bytes(data, name))
    except ReadError as e:
        return [e]


def reasons(items) -> dict[str, str]:
    return {e.source.rsplit("/", 1)[-1]: e.reason for e in items if isinstance(e, ReadError)}


def test_a_file_name_that_is_not_utf8_is_named_escaped_and_costs_no_other_article(tmp_path):
    folder = tmp_path / "in"
    write(folder, "a.txt", article(1))
    bad = os.fsencode(folder) + b"/caf\xe9-\xff.txt"
    with open(bad, "wb") as f:
        f.write(article(2).encode())
    write(folder, "z.txt", article(3))
    db = tmp_path / "archive.db"
    summary = ingest(connect(db), [str(folder)])
    assert summary.counts["ingested"] == 3 and summary.failed == 0
    sources = [r[0] for r in connect(db).execute("SELECT source FROM sightings ORDER BY source")]
    assert any(s.endswith("caf\\xe9-\\xff.txt") for s in sources), sources
    again = ingest(connect(db), [str(folder)])  # the escaped name is stable: nothing new
    assert again.counts["unchanged"] == 3


def test_fifo_and_devices_are_refused_without_blocking(tmp_path):
    folder = tmp_path / "in"
    write(folder, "a.txt", article(1))
    os.mkfifo(folder / "pipe.txt")  # nobody ever writes to it: reading it would hang forever
    start = time.monotonic()
    items = list(iter_inputs([str(folder), str(folder / "pipe.txt"), "/dev/zero"]))
    assert time.monotonic() - start < 30  # reading the FIFO would never end
    assert len(articles(items)) == 1
    errs = [e.reason for e in items if isinstance(e, ReadError)]
    assert errs == ["not a regular file (a FIFO)", "not a regular file (a FIFO)",
                    "not a regular file (a character device)"]


def test_symbolic_links_are_not_followed_out_of_the_folder(tmp_path):
    outside = write(tmp_path / "private", "secret.txt", article(9))
    folder = tmp_path / "in"
    write(folder, "a.txt", article(1))
    (folder / "escape.txt").symlink_to(outside)
    (folder / "inside.txt").symlink_to(folder / "a.txt")
    (folder / "loop.txt").symlink_to(folder / "loop.txt")
    (folder / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    items = list(iter_inputs([str(folder)]))
    why = reasons(items)
    assert "out of the folder" in why["escape.txt"] and "secret.txt" in why["escape.txt"]
    assert why["loop.txt"] == "a symbolic link loop" and "broken" in why["dangling.txt"]
    assert sorted(a.source.rsplit("/", 1)[-1] for a in articles(items)) == ["a.txt", "inside.txt"]
    followed = list(iter_inputs([str(folder)], follow_links=True))
    assert "escape.txt" in {a.source.rsplit("/", 1)[-1] for a in articles(followed)}
    result = run_cli("ingest", folder, "--db", tmp_path / "archive.db", "-q")
    assert result.exit_code == 1 and "escape.txt: a symbolic link out of the folder" in result.output
    conn = connect(tmp_path / "archive.db")
    assert not conn.execute("SELECT 1 FROM articles a JOIN texts t ON t.id = a.text_id WHERE t.text LIKE '%plan number 9 %'").fetchone()
    result = run_cli("ingest", folder, "--db", tmp_path / "archive.db", "-q", "--follow-symlinks")
    assert conn.execute("SELECT 1 FROM articles a JOIN texts t ON t.id = a.text_id WHERE t.text LIKE '%plan number 9 %'").fetchone()


def test_sidecar_and_metadata_files_are_never_articles(tmp_path):
    folder = tmp_path / "in"
    write(folder, "story.txt", article(1))
    write(folder, "story.txt.meta", "source: wire\nfetched: 2024-03-18\nlicence: cc-by\n")
    write(folder, "README.md", "# The folder of the March batch, read by the night shift of the desk\n")
    write(folder, "feeds.yml", "sources:\n  - https://news.example.org/rss\n")
    write(folder, "notes.txt", "source: wire\nfetched: 2024-03-18\nlicence: cc-by\nchecked: yes\n")
    write(folder, "settings.json", '{"generator": "scraper 2.1", "pages": 4, "ok": true}')
    items = list(iter_inputs([str(folder)]))
    assert [a.source.rsplit("/", 1)[-1] for a in articles(items)] == ["story.txt"]
    why = reasons(items)
    assert set(why) == {"notes.txt", "settings.json"}  # sidecars by name are skipped unread
    assert "metadata file" in why["notes.txt"] and "no text" in why["settings.json"]
    [named] = list(iter_inputs([str(folder / "story.txt.meta")]))
    assert isinstance(named, ReadError) and "sidecar" in named.reason


@pytest.mark.parametrize("data,name,reason", [
    (b"42", "n.json", "a JSON int, not an article"),
    (b'"just a string"', "s.json", "a JSON str, not an article"),
    (b"null", "x.txt", "a JSON NoneType"),
    (b"date 2021-01-01 Short.", "s.txt", "too short to be an article"),
    (b"title: Link\nurl: javascript:alert(1)\n---\n" + article(4).encode(), "j.txt", "not http(s)"),
    (b"Sign in to continue reading. Email address. Password. Forgot your password? Remember me.",
     "login.txt", "login or paywall page"),
    (b'{"text": "Log in to read this story. Create a free account or sign in.", "url": "https://x.org/l"}',
     "l.json", "login or paywall"),
])
def test_texts_that_are_not_articles_are_refused_with_their_reason(data, name, reason):
    [item] = read(data, name)
    assert isinstance(item, ReadError) and reason in item.reason, item


def test_a_feed_item_with_a_javascript_link_or_too_little_text_is_refused():
    feed = RSS.replace(b"<link>https://news.example.org/storm</link>", b"<link>javascript:void(0)</link>")
    items = list(iter_bytes(feed, "f.rss"))
    assert any("not http(s)" in e.reason for e in items if isinstance(e, ReadError))
    assert [a.title for a in articles(items)] == ["Council expands bus network", "Bad date item"]


def test_a_feed_cut_off_is_reported_with_the_items_read(tmp_path):
    cut = RSS[:RSS.index(b"<item><title>Only a title")] + b"<item><title>Half"
    p = write(tmp_path, "cut.rss", cut)
    items = list(iter_inputs([str(p)]))
    assert len(articles(items)) == 2
    last = items[-1]
    assert isinstance(last, ReadError) and last.source == str(p)
    assert "does not parse to its end" in last.reason and "3 items read" in last.reason  # the third cut short
    result = run_cli("ingest", p, "--db", tmp_path / "archive.db", "-q")
    assert result.exit_code == 1 and "2 ingested" in result.output and "does not parse" in result.output


TEXT = "The council voted on Tuesday to expand the bus network to three new districts, officials said. "
RUSSIAN = "Совет проголосовал во вторник за расширение автобусной сети на три новых района. "


@pytest.mark.parametrize("data,reason", [
    ((TEXT * 3).encode("utf-16-le"), "UTF-16 (little-endian) without a byte-order mark"),
    ((TEXT * 3).encode("utf-16-be"), "UTF-16 (big-endian) without a byte-order mark"),
    ((RUSSIAN * 3).encode("utf-8").decode("cp1252", "replace").encode("utf-8"), "UTF-8 read in a Western"),
    ((RUSSIAN * 3).encode("cp1251"), "code page cannot be told"),
])
def test_text_that_decodes_to_another_script_is_refused(data, reason):
    [item] = read(data, "x.txt")
    assert isinstance(item, ReadError) and reason in item.reason, item


def test_legacy_code_pages_that_can_be_told_still_read():
    [a] = list(iter_bytes((RUSSIAN * 3).encode("koi8-r"), "r.txt"))
    assert a.text.startswith("Совет")
    [b] = list(iter_bytes(("Le café était fermé, a déclaré le maire à la presse. " * 2).encode("cp1252"), "f.txt"))
    assert "café" in b.text


def newline_bomb(megabytes: int) -> bytes:
    """A gzip file of `megabytes` MB of newlines, as gzip members of 1 MB each (1,000 to 1)."""
    return gzip.compress(b"\n" * (1 << 20), 9) * megabytes


@pytest.mark.parametrize("name,head", [("lines.jsonl.gz", b""), ("doc.json.gz", b"["), ("page.txt.gz", b"")])
def test_gzip_bombs_stop_early(tmp_path, name, head):
    p = write(tmp_path, name, gzip.compress(head) + newline_bomb(2000))  # 2 MB that decompress to 2 GB
    [err] = list(iter_inputs([str(p)]))
    assert isinstance(err, ReadError) and "gzip bomb" in err.reason, err


def test_blank_lines_in_json_lines_are_skipped_in_bulk(tmp_path):
    p = write(tmp_path, "x.jsonl", b"\n" * 3_000_000 + b'{"text": "' + TEXT.encode() + b'"}\n')
    start = time.monotonic()
    [a] = list(iter_inputs([str(p)]))
    assert a.source.endswith("x.jsonl#3000001") and time.monotonic() - start < 60


# ---------------------------------------------------------------- URLs (a server on 127.0.0.1 only)


class Trickle(socketserver.BaseRequestHandler):
    """A server that sends a status line, then one header line every 0.3 s, forever."""

    def handle(self):
        try:
            self.request.recv(4096)
            self.request.sendall(b"HTTP/1.1 200 OK\r\n")
            for n in range(200):
                time.sleep(0.3)
                self.request.sendall(b"X-Wait-%d: still coming\r\n" % n)
        except OSError:
            pass


class Redirects(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_GET(self):
        if self.path == "/to-loopback":
            self.send_response(302)
            self.send_header("Location", f"http://127.0.0.1:{self.server.server_address[1]}/page")
            self.end_headers()
        elif self.path == "/to-script":
            self.send_response(301)
            self.send_header("Location", "javascript:alert(1)")
            self.end_headers()
        else:
            from .test_readers import article_page

            body = article_page()
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)


@pytest.fixture
def serve():
    servers = []

    def start(handler, cls=http.server.ThreadingHTTPServer):
        srv = cls(("127.0.0.1", 0), handler)
        srv.daemon_threads = True
        threading.Thread(target=srv.serve_forever, args=(0.05,), daemon=True).start()
        servers.append(srv)
        return f"http://127.0.0.1:{srv.server_address[1]}"

    yield start
    for srv in servers:
        srv.shutdown()
        srv.server_close()


def test_a_server_trickling_headers_is_cut_off_at_the_deadline(serve):
    base = serve(Trickle, socketserver.ThreadingTCPServer)
    start = time.monotonic()
    [err] = list(iter_inputs([base + "/slow"], timeout=1.5))
    took = time.monotonic() - start
    assert isinstance(err, ReadError) and "timed out after 1.5 s" in err.reason
    assert took < 30, took  # the server goes on for 60 s, each header well within a per-read timeout


def test_redirects_into_private_addresses_only_from_a_private_first_url(serve):
    from newsfacts.ingest.sources import url as url_reader

    base = serve(Redirects)
    [page] = list(iter_inputs([base + "/to-loopback"]))  # the first URL was loopback itself
    assert isinstance(page, Article) and page.source == base + "/to-loopback"
    with pytest.raises(ReadError, match="private address refused"):  # as if the first were public
        url_reader.fetch(base + "/to-loopback", private_redirects=False)
    [err] = list(iter_inputs([base + "/to-script"]))
    assert isinstance(err, ReadError) and "redirect target, not followed" in err.reason


def test_texts_that_would_stall_or_swamp_spacy_are_refused_before_it_runs(tmp_path):
    folder = tmp_path / "in"
    write(folder, "marks.txt", "date 2024-01-01 " + "“" * 1_000_000)
    write(folder, "run.txt", "date 2024-01-01 The statement read: " + "“”" * 20_000 + " and nothing else.")
    write(folder, "huge.txt", "date 2024-01-01 " + "The council met again today. " * 8_000)
    write(folder, "good.txt", article(1))
    summary = ingest(connect(tmp_path / "archive.db"), [str(folder)])
    assert summary.counts["ingested"] == 1
    why = {s.rsplit("/", 1)[-1]: r for s, r in summary.failures}
    assert "text too long to analyse (1,000,000 characters" in why["marks.txt"]
    assert "without a space holding 40,000 punctuation marks" in why["run.txt"]
    assert "limit is 200,000, about 1 GB of memory" in why["huge.txt"]
