"""The input readers (ingest/sources): every format, every kind of bad input, provenance, laziness.

All inputs are written here; the real pages and feeds under /work/shared/eval are read in place
(they are copyrighted) by tests that skip when that folder is absent.
"""

from __future__ import annotations

import gzip
import hashlib
import http.server
import io
import itertools
import json
import socket
import threading
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsfacts.ingest.sources import (Article, ReadError, iter_bytes, iter_inputs, iter_paths,
                                      read_bytes, read_path)
from newsfacts.ingest.sources import dates, feed, jsonexport
from newsfacts.ingest.sources import url as url_reader
from newsfacts.ingest.sources.sniff import sniff

EVAL = Path("/work/shared/eval")

PARAGRAPHS = [
    "The city council voted on Tuesday to expand the bus network to three new districts, "
    "a decision that officials said would serve nearly 40,000 residents by next spring.",
    "“We have waited a long time for this,” said Maria Lopez, who chairs the transport "
    "committee. “People in the east of the city deserve the same service as everyone else.”",
    "The plan will cost about $12 million over two years, according to the council's budget "
    "office, and will be paid for by a mix of state grants and local fares.",
    "Opponents argued that the money would be better spent on repairing existing roads, but "
    "the measure passed by seven votes to two after a debate that lasted almost four hours.",
]


def article_page(**over) -> bytes:
    """A saved news page with the clutter real pages have: navigation, ads, a caption, related links."""
    v = dict(title="Council expands bus network", author="Jane Smith", date="2021-03-04",
             url="https://news.example.org/2021/03/04/bus-network", site="Example News")
    v.update(over)
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>{v['title']} | {v['site']}</title>
<meta property="og:title" content="{v['title']}">
<meta property="og:site_name" content="{v['site']}">
<meta property="og:type" content="article">
<meta name="author" content="{v['author']}">
<meta property="article:published_time" content="{v['date']}T08:00:00Z">
<link rel="canonical" href="{v['url']}">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World news menu</a></li></ul></nav>
<div class="ad">Buy cheap widgets now advertisement</div>
<article><h1>{v['title']}</h1><p class="byline">By {v['author']}</p>
<figure><img src="bus.jpg"><figcaption>A new bus waits at the depot caption text.</figcaption></figure>
{body}
</article>
<aside class="related"><h2>Related stories</h2><ul>
<li><a href="/a">Mayor opens new library in the north</a></li>
<li><a href="/b">Storm closes schools for two days</a></li></ul></aside>
<footer>Copyright Example News footer text</footer>
</body></html>""".encode()


def index_page() -> bytes:
    links = "".join(f'<li><a href="/story/{i}">Headline number {i} about the news of the day</a></li>'
                    for i in range(40))
    return (f"<html><head><title>Example News - Home</title></head><body><h1>Latest</h1>"
            f"<ul>{links}</ul></body></html>").encode()


RSS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Example News</title><link>https://news.example.org/</link>
<item><title>Council expands bus network</title>
<link>https://news.example.org/2021/03/04/bus-network</link>
<dc:creator>Jane Smith</dc:creator><pubDate>Thu, 04 Mar 2021 22:00:00 -0500</pubDate>
<description>A short teaser.</description>
<content:encoded><![CDATA[""" + "".join(f"<p>{p}</p>" for p in PARAGRAPHS).encode() + b"""
<figure><img src="x.jpg"/><figcaption>Caption that must go</figcaption></figure>]]></content:encoded>
</item>
<item><title>Storm closes schools</title><link>https://news.example.org/storm</link>
<pubDate>Fri, 05 Mar 2021 09:00:00 GMT</pubDate>
<description>Schools in the north will stay closed for two days. &lt;a href="x"&gt;Continue reading...&lt;/a&gt;</description>
</item>
<item><title>Only a title</title></item>
<item><title>Bad date item</title><link>https://news.example.org/bad-date</link>
<pubDate>Tue, 30 Feb 2021 09:00:00 GMT</pubDate><description>Text of an item with an impossible date in its feed.</description>
</item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Times</title><id>urn:x</id>
<updated>2021-03-04T08:00:00Z</updated>
<entry><title>Atom story</title><id>urn:1</id>
<link href="https://atom.example.org/story"/><updated>2021-03-04T08:00:00Z</updated>
<author><name>Ann Author</name></author>
<content type="html">{}</content></entry>
</feed>""".format("".join(f"&lt;p&gt;{p}&lt;/p&gt;" for p in PARAGRAPHS)).encode()


def make_warc(pages, gz=True) -> bytes:
    """A WARC of response records: (url, status, content type, body)."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gz)
    for url, status, ctype, body in pages:
        http = StatusAndHeaders(f"{status} X", [("Content-Type", ctype)], protocol="HTTP/1.1")
        rec = writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http,
                                        warc_headers_dict={"WARC-Date": "2022-05-06T07:08:09Z"})
        writer.write_record(rec)
    return buf.getvalue()


def articles(items):
    return [i for i in items if isinstance(i, Article)]


def errors(items):
    return [i for i in items if isinstance(i, ReadError)]


def sha(b: bytes) -> str:
    return hashlib.sha256(b).hexdigest()


# ---------------------------------------------------------------- text format


def test_text_formats_and_provenance():
    data = b"date 2021-12-12 The minister said on Sunday that 2,000 officers would be sent."
    [a] = read_bytes(data, "a.txt")
    assert a.published == date(2021, 12, 12) and a.text.startswith("The minister")
    assert a.reader == "text" and a.source == "a.txt" and a.raw == data and a.raw_sha256 == sha(data)
    assert a.read_at.tzinfo is not None
    assert "raw" not in a.model_dump() and "raw=" not in repr(a)

    header = b"title: Bus plan\nurl: https://x.org/bus\noutlet: X\npublished: 2020-01-02\n---\nBody text of the bus plan story."
    [b] = read_bytes(header, "b.txt")
    assert (b.title, b.url, b.outlet, b.published, b.text) == (
        "Bus plan", "https://x.org/bus", "X", date(2020, 1, 2), "Body text of the bus plan story.")
    [c] = read_bytes("Plain text, no date — with “quotes”.".encode(), "c.txt")
    assert c.published is None


@pytest.mark.parametrize("line", [b"date 2021-02-30 text", b"date 0000-01-01 text",
                                  b"date 2999-01-01 text"])
def test_text_refuses_impossible_dates(line):
    with pytest.raises(ReadError, match="date"):
        read_bytes(line, "d.txt")


def test_metadata_dates_are_dropped_when_implausible():
    assert dates.parse("2021-02-30") is None
    assert dates.parse("0000-01-01") is None
    assert dates.parse("2999-01-01T00:00:00Z") is None
    assert dates.parse((datetime.now(timezone.utc) + timedelta(days=30)).isoformat()) is None
    assert dates.parse("Thu, 04 Mar 2021 08:00:00 GMT") == date(2021, 3, 4)
    assert dates.parse("2021-03-04T23:00:00-05:00") == date(2021, 3, 4)
    assert dates.parse(1614844800) == date(2021, 3, 4)
    assert dates.parse(1614844800000) == date(2021, 3, 4)
    assert dates.parse("not a date") is None
    assert dates.parse({"$date": "2021-03-04T00:00:00Z"}) == date(2021, 3, 4)
    assert dates.parse("Thu, 04 Mar 2021 23:00:00 -0500") == date(2021, 3, 4)  # the local day
    assert dates.from_url("http://cnn.com/2010/POLITICS/08/13/x/index.html") == date(2010, 8, 13)
    assert dates.from_url("https://x.com/story/2020-02-19/slug") == date(2020, 2, 19)


# ---------------------------------------------------------------- bad inputs


@pytest.mark.parametrize("data,reason", [
    (b"", "empty"),
    (b"   \n\t  ", "empty"),
    (b"\x00\x01\x02\x03binary\x00" * 50, "binary"),
    (bytes(range(256)) * 4, "binary"),
    (b"caf\xe9 \xff\xfe\xfa na\xefve \x81\x8d", "UTF-8"),
])
def test_bad_inputs_are_read_errors(data, reason):
    with pytest.raises(ReadError, match=reason):
        read_bytes(data, "bad")


def test_truncated_gzip(tmp_path):
    full = gzip.compress(b"date 2021-01-01 " + b"Some article text. " * 500)
    p = tmp_path / "a.txt.gz"
    p.write_bytes(full[: len(full) // 2])
    [err] = list(iter_inputs([str(p)]))
    assert isinstance(err, ReadError) and "truncated gzip" in err.reason and err.source == str(p)


def test_gzip_of_each_format(tmp_path):
    text = b"date 2021-01-01 The text of a gzipped article."
    (tmp_path / "a.txt.gz").write_bytes(gzip.compress(text))
    (tmp_path / "b.html.gz").write_bytes(gzip.compress(article_page()))
    (tmp_path / "c.rss.gz").write_bytes(gzip.compress(RSS))
    (tmp_path / "d.jsonl.gz").write_bytes(gzip.compress(b'{"text": "The first story of the day, long enough."}\n{"text": "The second story of the day, long enough."}\n'))
    (tmp_path / "e.warc.gz").write_bytes(make_warc([("https://w.org/1", 200, "text/html", article_page())]))
    items = list(iter_inputs([str(tmp_path)]))
    got = sorted((a.reader, a.source.rsplit("/", 1)[-1]) for a in articles(items))
    assert ("text", "a.txt.gz") in got and ("html", "b.html.gz") in got
    assert ("feed", "bus-network") in got and ("json", "d.jsonl.gz#2") in got and ("warc", "1") in got
    [a] = [a for a in articles(items) if a.source.endswith("a.txt.gz")]
    assert a.raw == text and a.raw_sha256 == sha(text)  # the decompressed bytes read


# ---------------------------------------------------------------- HTML


def test_html_article_text_and_metadata():
    data = article_page()
    [a] = read_bytes(data, "page.html")
    assert a.reader == "html" and a.raw == data and a.raw_sha256 == sha(data)
    for p in PARAGRAPHS:
        assert p in a.text
    for junk in ("World news menu", "advertisement", "caption text", "Mayor opens new library",
                 "footer text"):
        assert junk not in a.text
    assert a.title == "Council expands bus network"
    assert a.author == "Jane Smith" and a.outlet == "Example News"
    assert a.url == "https://news.example.org/2021/03/04/bus-network"
    assert a.published == date(2021, 3, 4)


def test_html_relative_canonical_url():
    page = article_page(url="/2021/03/04/bus-network")
    [a] = read_bytes(page, "saved.html")
    assert a.url is None or a.url.startswith("http")
    [b] = articles(iter_bytes(make_warc([("https://w.org/x", 200, "text/html", page)]), "c.warc"))
    assert b.url.startswith("https://w.org/")


def test_html_in_utf16_with_bom():
    [a] = read_bytes(article_page().decode("utf-8").encode("utf-16"), "wide.html")
    assert a.reader == "html" and PARAGRAPHS[1] in a.text


def test_numbers_in_a_headline_do_not_make_an_error_page():
    [a] = read_bytes(article_page(title="Route 404 reopens after 500 days"), "p.html")
    assert a.title == "Route 404 reopens after 500 days"


def test_html_with_impossible_metadata_date_keeps_article_without_date():
    [a] = read_bytes(article_page(date="2021-02-30", url="https://n.example.org/bus"), "p.html")
    assert a.published is None


@pytest.mark.parametrize("page,reason", [
    (index_page(), "not an article"),
    (b"<html><head><title>404 Not Found</title></head><body><h1>Not Found</h1>"
     b"<p>The requested URL was not found on this server.</p></body></html>", "not an article"),
    (b"<html><body><p>Subscribe to read.</p></body></html>", "not an article"),
])
def test_html_that_is_not_an_article(page, reason):
    with pytest.raises(ReadError, match=reason):
        read_bytes(page, "x.html")


def test_html_in_legacy_charset():
    page = article_page().replace(b'charset="utf-8"', b'charset="windows-1252"')
    page = page.decode("utf-8").replace("Lopez", "López").encode("cp1252", "replace")
    [a] = read_bytes(page, "latin.html")
    assert "María".replace("í", "i") in a.text and "López" in a.text


# ---------------------------------------------------------------- feeds


def test_rss_items():
    items = list(iter_bytes(RSS, "feed.rss"))
    full, teaser, bad_date = articles(items)
    [err] = errors(items)
    assert full.reader == "feed" and full.outlet == "Example News" and full.author == "Jane Smith"
    assert full.source == full.url == "https://news.example.org/2021/03/04/bus-network"
    assert full.published == date(2021, 3, 4) and not full.summary_only
    assert all(p in full.text for p in PARAGRAPHS) and "Caption" not in full.text
    assert full.raw.startswith(b"<item>") and full.raw.endswith(b"</item>")
    assert full.raw_sha256 == sha(full.raw) and full.raw in RSS
    assert teaser.summary_only and "Continue reading" not in teaser.text
    assert bad_date.published is None  # impossible pubDate dropped, item kept
    assert err.source == "feed.rss#3" and "no text" in err.reason


def test_feed_item_bytes_and_the_whole_feed_fallback(monkeypatch):
    item = (b'<item><title>A</title><link>https://t.org/a</link><!-- <item> -->'
            b'<description><![CDATA[<p>Text that quotes markup: <item>not an item</item></p>]]></description>'
            b'</item>')
    data = b'<rss version="2.0"><channel><title>T</title>' + item + b'</channel></rss>'
    [a] = read_bytes(data, "odd.rss")
    assert a.raw == item
    monkeypatch.setattr(feed, "_item_bytes", lambda data, count: None)  # cannot be cut
    [b] = read_bytes(data, "odd.rss")
    assert b.raw is None and b.raw_sha256 == sha(data)


def test_atom_entry():
    [a] = read_bytes(ATOM, "x.atom")
    assert (a.title, a.author, a.outlet, a.url) == ("Atom story", "Ann Author", "Atom Times",
                                                    "https://atom.example.org/story")
    assert not a.summary_only and PARAGRAPHS[1] in a.text


@pytest.mark.parametrize("data,reason", [
    (b'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title></channel></rss>', "empty feed"),
    (b'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><item><title>x</ti', "malformed"),
    (b"<rss><channel><item><title>A & B <unclosed></channel>", "malformed|no text"),
])
def test_bad_feeds(data, reason):
    with pytest.raises(ReadError, match=reason):
        read_bytes(data, "bad.rss")


# ---------------------------------------------------------------- JSON


def test_json_shapes_and_provenance():
    doc = {"status": "ok", "articles": [
        {"title": "A", "content": "First text of the X News export.", "url": "https://x.org/a",
         "publishedAt": "2021-03-04T08:00:00Z", "source": {"id": None, "name": "X News"},
         "author": "Ann"},
        {"title": "B", "description": "Only a summary of the second story.", "pubDate": "2021-02-30"},
        "not an object",
    ]}
    data = json.dumps(doc, indent=2).encode()
    items = list(iter_bytes(data, "export.json"))
    a, b = articles(items)
    [err] = errors(items)
    assert (a.title, a.text, a.outlet, a.author, a.published) == (
        "A", "First text of the X News export.", "X News", "Ann", date(2021, 3, 4))
    assert a.source == "https://x.org/a" and a.reader == "json"
    assert json.loads(a.raw) == doc["articles"][0] and a.raw in data  # the item's exact bytes
    assert b.source == "export.json#2" and b.summary_only and b.published is None
    assert err.source == "export.json#3"
    # a plain list and a single object
    assert len(read_bytes(b'[{"body": "The first story of the day, long enough."}, {"text": "The second story of the day, long enough."}]', "l.json")) == 2
    [one] = read_bytes(b'{"text": "The solo story of the day, long enough.", "link": "https://x.org/s", "date": "2020-01-02"}', "o.json")
    assert one.url == "https://x.org/s" and one.published == date(2020, 1, 2)


def test_json_field_map_parameter_and_env(monkeypatch):
    data = b'[{"hed": "Headline", "story": {"body": "Nested text of the headline story."}, "site": "S"}]'
    items = list(iter_bytes(data, "x.json", field_map={"title": "hed", "text": "story.body",
                                                       "outlet": ["site"]}))
    [a] = articles(items)
    assert (a.title, a.text, a.outlet) == ("Headline", "Nested text of the headline story.", "S")
    monkeypatch.setenv(jsonexport.ENV_VAR, "title=hed,text=story.body")
    [b] = read_bytes(data, "x.json")
    assert (b.title, b.text) == ("Headline", "Nested text of the headline story.")
    with pytest.raises(ValueError, match="unknown"):
        jsonexport.field_names({"colour": "x"})


def test_jsonl_bad_line_names_line_number():
    data = b'{"text": "The first story of the day, long enough."}\n\n{"text": broken}\n{"text": "The fourth story of the day, long enough."}\n'
    items = list(iter_bytes(data, "x.jsonl"))
    assert [a.text for a in articles(items)] == ["The first story of the day, long enough.", "The fourth story of the day, long enough."]
    [err] = errors(items)
    assert "line 3" in err.reason and err.source == "x.jsonl#3"
    assert articles(items)[1].raw == b'{"text": "The fourth story of the day, long enough."}'


@pytest.mark.parametrize("wrap", [lambda items: items, lambda items: {"n": 2, "tags": ["a"], "articles": items},
                                  lambda items: {"meta": {"x": 1}, "posts": items}])
def test_json_over_the_size_limit_is_streamed(monkeypatch, wrap):
    monkeypatch.setattr(jsonexport, "MAX_BYTES", 500)
    items = [{"title": f"T{i}", "text": f"Story number {i} of the long export.", "n": 10 ** 15} for i in range(60)]
    data = json.dumps(wrap(items), indent=1).encode()
    got = list(iter_inputs(["-"], stdin=io.BytesIO(data)))
    assert [a.title for a in got] == [f"T{i}" for i in range(60)]
    assert all(json.loads(a.raw) == items[i] and a.raw in data for i, a in enumerate(got))
    cut = list(iter_inputs(["-"], stdin=io.BytesIO(data[:-200])))
    assert isinstance(cut[-1], ReadError) and "invalid JSON after item" in cut[-1].reason
    assert all(isinstance(a, Article) for a in cut[:-1]) and len(cut) > 50


def test_invalid_json_document():
    with pytest.raises(ReadError, match="invalid JSON"):
        read_bytes(b'{"articles": [{"text": "a"}, ', "x.json")


# ---------------------------------------------------------------- WARC


@pytest.mark.parametrize("gz", [True, False])
def test_warc_records(gz):
    page = article_page()
    data = make_warc([
        ("https://w.org/story", 200, "text/html; charset=utf-8", page),
        ("https://w.org/logo.png", 200, "image/png", b"\x89PNG...."),
        ("https://w.org/gone", 404, "text/html", b"<html>gone</html>"),
        ("https://w.org/", 200, "text/html", index_page()),
    ], gz=gz)
    items = list(iter_bytes(data, "crawl.warc"))
    [a] = articles(items)
    [err] = errors(items)
    assert a.reader == "warc" and a.source == "https://w.org/story" and a.raw == page
    assert a.read_at == datetime(2022, 5, 6, 7, 8, 9, tzinfo=timezone.utc)
    assert a.url == "https://news.example.org/2021/03/04/bus-network"  # the page's canonical URL
    assert err.source == "https://w.org/" and "not an article" in err.reason


def test_warc_date_is_not_a_publication_date():
    page = article_page(date="", url="https://w.org/no-date-here")
    page = page.replace(b'<meta property="article:published_time" content="T08:00:00Z">', b"")
    [a] = articles(iter_bytes(make_warc([("https://w.org/no-date-here", 200, "text/html", page)]), "c.warc"))
    assert a.published is None and a.read_at.year == 2022


@pytest.mark.parametrize("gz", [True, False])
def test_truncated_warc_keeps_earlier_records(gz):
    data = make_warc([("https://w.org/1", 200, "text/html", article_page()),
                      ("https://w.org/2", 200, "text/html", article_page(title="Second story"))], gz=gz)
    items = list(iter_inputs(["-"], stdin=io.BytesIO(data[:-300])))
    assert [a.source for a in articles(items)] == ["https://w.org/1"]
    [err] = errors(items)
    assert "truncated" in err.reason


# ---------------------------------------------------------------- folders, stdin, laziness


def test_folder_recursive_hidden_skipped_and_errors_go_on(tmp_path):
    (tmp_path / "sub" / "deeper").mkdir(parents=True)
    (tmp_path / ".hidden").mkdir()
    (tmp_path / "a.txt").write_bytes(b"date 2021-01-01 First story of the folder test.")
    (tmp_path / "sub" / "deeper" / "b.txt").write_bytes(b"Second story of the folder test.")
    (tmp_path / "sub" / "empty.txt").write_bytes(b"")
    (tmp_path / ".secret.txt").write_bytes(b"hidden")
    (tmp_path / ".hidden" / "c.txt").write_bytes(b"hidden too")
    items = list(iter_inputs([str(tmp_path), str(tmp_path / "missing.txt")]))
    assert [a.text for a in articles(items)] == ["First story of the folder test.", "Second story of the folder test."]
    assert [e.source.rsplit("/", 1)[-1] for e in errors(items)] == ["empty.txt", "missing.txt"]
    assert all(e.reason and "\n" not in e.reason for e in errors(items))
    assert [p.name for p in iter_paths([tmp_path])] == ["a.txt", "b.txt", "empty.txt"]
    assert len(read_path(tmp_path / "a.txt")) == 1


def test_stdin():
    [a] = list(iter_inputs(["-"], stdin=io.BytesIO(b"date 2020-05-05 From a pipe, a story read on standard input.")))
    assert a.source == "<stdin>" and a.text == "From a pipe, a story read on standard input."


class CountingStream(io.RawIOBase):
    """An endless JSON Lines source that counts what is read from it."""

    def __init__(self, line: bytes):
        self.line, self.read_bytes = line, 0

    def readable(self):
        return True

    def readinto(self, b):
        chunk = (self.line * (len(b) // len(self.line) + 1))[: len(b)]
        b[: len(chunk)] = chunk
        self.read_bytes += len(chunk)
        return len(chunk)


@pytest.mark.parametrize("head,unit", [(b"", b'{"text": "an article long enough to be one"}\n'),
                                       (b"[", b'{"text": "an article long enough to be one"},\n')])
def test_reading_is_lazy(head, unit, monkeypatch):
    """An endless JSON Lines stream, and an endless JSON list: only a few reads' worth is read."""
    monkeypatch.setattr(jsonexport, "MAX_BYTES", 100_000)  # past it, a JSON list is streamed
    stream = CountingStream(unit)
    from newsfacts.ingest.sources.streams import Prefixed
    first = list(itertools.islice(iter_inputs(["-"], stdin=io.BufferedReader(Prefixed(head, stream))), 5))
    assert len(first) == 5 and all(isinstance(a, Article) for a in first)
    assert stream.read_bytes < 3_000_000


# ---------------------------------------------------------------- URLs (local server only)


class Handler(http.server.BaseHTTPRequestHandler):
    agents: list[str] = []

    def log_message(self, *args):
        pass

    def do_GET(self):
        Handler.agents.append(self.headers.get("User-Agent", ""))
        routes = {
            "/article": ("text/html; charset=utf-8", article_page()),
            "/feed": ("application/rss+xml", RSS),
            "/index": ("text/html", index_page()),
        }
        if self.path == "/redirect":
            self.send_response(302)
            self.send_header("Location", "/article")
            self.end_headers()
        elif self.path == "/slow":
            time.sleep(1.5)
            self._send("text/html", article_page())
        elif self.path == "/big":
            self._send("text/html", b"<p>" + b"x" * 5000 + b"</p>")
        elif self.path in routes:
            self._send(*routes[self.path])
        else:
            self.send_error(404, "Not Found")

    def _send(self, ctype, body):
        try:
            self.send_response(200)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass


@pytest.fixture(scope="module")
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_url_page_and_feed(server):
    [a] = list(iter_inputs([server + "/redirect"]))
    assert isinstance(a, Article) and a.reader == "html" and a.source == server + "/redirect"
    assert PARAGRAPHS[0] in a.text and a.raw_sha256 == sha(article_page())
    assert Handler.agents[-1].startswith("newsfacts/") and "+https://github.com/newsfacts" in Handler.agents[-1]
    items = list(iter_inputs([server + "/feed"]))
    assert len(articles(items)) == 3 and articles(items)[0].reader == "feed"


def test_url_failures(server, monkeypatch):
    closed = socket.socket()
    closed.bind(("127.0.0.1", 0))
    dead = f"http://127.0.0.1:{closed.getsockname()[1]}/x"
    closed.close()
    monkeypatch.setattr(url_reader, "MAX_BYTES", 4000)
    start = time.monotonic()
    items = list(iter_inputs([server + "/slow"], timeout=0.5))
    assert time.monotonic() - start < 1.4  # gave up before the server answered
    items += list(iter_inputs([server + "/missing", server + "/big", server + "/index", dead],
                              timeout=10))
    assert all(isinstance(i, ReadError) for i in items) and len(items) == 5
    reasons = {i.source: i.reason for i in items}
    assert "404" in reasons[server + "/missing"]
    assert "timed out" in reasons[server + "/slow"]
    assert "too large" in reasons[server + "/big"]
    assert "not an article" in reasons[server + "/index"]
    assert "unreachable" in reasons[dead]


# ---------------------------------------------------------------- sniffing and robustness


def test_sniff_by_content_not_name():
    assert sniff(b"<?xml version='1.0'?>\n<rss>", "page.html") == "feed"
    assert sniff(b"<!doctype html><html>", "feed.xml") == "html"
    assert sniff(b'{"a": 1}\n{"a": 2}\n', "x.json") == "jsonl"
    assert sniff(b'{\n "a": 1\n}', "x.jsonl") == "jsonl"
    assert sniff(b"WARC/1.0\r\n", "x.txt") == "warc"
    assert sniff(b"date 2021-01-01 Hi", "x.html") == "text"
    assert sniff(b'<?xml version="1.0"?>\n<?xml-stylesheet href="s.xsl"?>\n<!-- c -->\n'
                 b'<rss version="2.0"><channel><title>T</title>') == "feed"
    assert sniff(b'<!DOCTYPE rss PUBLIC "x" "y">\n<rss><channel><title>T</title>') == "feed"
    assert sniff(b'<?xml version="1.0"?><rdf:RDF xmlns:rdf="x"><channel><title>T</title>') == "feed"
    assert sniff(b'<?xml version="1.0"?>\n<!DOCTYPE html>\n<html><head><title>T</title>') == "html"
    assert sniff(b"<!-- saved page --><html><body><p>x") == "html"


PREFIXES = [b"", b"\x1f\x8b\x08\x00", b"WARC/1.0\r\n", b"<rss><channel><item>", b'<?xml version="1.0"?><feed>',
            b"<html><body><p>", b'{"text": ', b"[{", b'{"a":1}\n', b"date 2021-02-30 ", b"title: x\n---\n",
            b"\xef\xbb\xbf", b"\xff\xfe"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(PREFIXES), st.binary(max_size=400))
def test_random_bytes_raise_only_read_error(prefix, tail):
    data = prefix + tail
    try:
        result = read_bytes(data, "random")
    except ReadError as e:
        assert e.reason and "\n" not in e.reason
    else:
        assert result and all(isinstance(a, Article) and a.text for a in result)
    try:
        for item in iter_bytes(data, "random"):
            assert isinstance(item, Article | ReadError)
    except ReadError:
        pass  # the input as a whole failed: raised, the only exception allowed


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sampled_from([gzip.compress(RSS), gzip.compress(article_page()), make_warc(
    [("https://w.org/1", 200, "text/html", article_page())]), RSS, ATOM]), st.data())
def test_cut_or_corrupted_inputs_never_raise(data, draw):
    cut = draw.draw(st.integers(0, len(data)))
    flip = draw.draw(st.integers(0, max(0, cut - 1)))
    broken = bytearray(data[:cut])
    if broken:
        broken[flip] ^= 0xFF
    items = list(iter_inputs(["-"], stdin=io.BytesIO(bytes(broken))))
    assert all(isinstance(i, Article | ReadError) for i in items)


# ---------------------------------------------------------------- real pages and feeds (read in place)


def _meta(path: Path) -> list[tuple[str, str]]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        key, sep, value = line.partition(":")
        if sep:
            out.append((key.strip(), value.strip()))
    return out


HTML_PAGES = sorted((EVAL / "html").glob("*.html")) if (EVAL / "html").is_dir() else []
FEEDS = sorted(p for p in (EVAL / "feeds").glob("*") if p.suffix != ".meta") if (EVAL / "feeds").is_dir() else []


@pytest.mark.skipif(not HTML_PAGES, reason="/work/shared/eval/html is absent")
@pytest.mark.parametrize("page", HTML_PAGES, ids=lambda p: p.stem)
def test_real_pages(page):
    meta = _meta(page.with_suffix(".meta"))
    fields = dict(meta)
    [a] = read_path(page)
    for key, value in meta:
        if key == "expect_with":
            assert value in a.text
        elif key == "expect_without":
            assert value not in a.text
    assert a.title == fields["title"]
    assert a.published == date.fromisoformat(fields["published"])
    assert len(a.text) > 2000
    if "byline" in fields:
        assert a.author == fields["byline"]


@pytest.mark.skipif(not FEEDS, reason="/work/shared/eval/feeds is absent")
@pytest.mark.parametrize("feed", FEEDS, ids=lambda p: p.stem)
def test_real_feeds(feed):
    meta = dict(_meta(feed.with_suffix(".meta")))
    items = list(iter_inputs([str(feed)]))
    assert items and not errors(items)
    for a in items:
        assert a.url and a.url.startswith("http") and a.source == a.url
        assert a.outlet and a.published and a.raw and a.raw_sha256 == sha(a.raw)
        assert a.url.split("//", 1)[1].split("/", 1)[0] != "www.google.com"  # redirects unwrapped
    if "full" in meta.get("note", "") or "full-text" in meta.get("format", ""):
        assert not any(a.summary_only for a in items) and all(len(a.text) > 1000 for a in items)
    else:
        assert all(a.summary_only for a in items)
