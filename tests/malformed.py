"""A corpus of malformed inputs, written by the tests (no real file is copied): each is a file (or
link, FIFO, socket) in one folder, with a few words its one error line must hold."""

from __future__ import annotations

import gzip
import io
import os
import socket
from pathlib import Path

from .texts import article

ENTITIES = '<!ENTITY a "aaaaaaaaaa">' + "".join(
    f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(8))
PROSE = ("The committee met on Thursday to review the budget for the coming year, and its members "
         "argued for hours about the cost of the new bridge. ")


def _gzip_bomb(head: bytes = b"", megabytes: int = 2000) -> bytes:
    return gzip.compress(head) + gzip.compress(b"\n" * (1 << 20), 9) * megabytes


def _warc(body: bytes) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=False)
    http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record("https://w.example.org/1", "response", payload=io.BytesIO(body),
                                                  http_headers=http))
    return buf.getvalue()


FILES: dict[str, tuple[bytes, str]] = {
    # compression
    "bomb-lines.jsonl.gz": (_gzip_bomb(), "gzip bomb"),
    "bomb-doc.json.gz": (_gzip_bomb(b"["), "gzip bomb"),
    "bomb-text.txt.gz": (_gzip_bomb(b"date 2024-01-01 "), "gzip bomb"),
    "nested.txt.gz": (gzip.compress(gzip.compress(gzip.compress(article(1).encode()))), "gzip nested too deep"),
    "cut.txt.gz": (gzip.compress(PROSE.encode() * 20)[:-30], "truncated gzip"),
    "corrupt.txt.gz": (b"\x1f\x8b\x08\x00" + b"\xff" * 200, "corrupt gzip"),
    # feeds
    "laughs.rss": (('<?xml version="1.0"?><!DOCTYPE rss [' + ENTITIES + ']><rss version="2.0"><channel>'
                    '<title>t</title><item><title>x</title><description>&i;</description></item></channel></rss>'
                    ).encode(), "declares its own XML entities"),
    "xxe.rss": (b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
                b'<rss version="2.0"><channel><title>t</title><item><title>x</title>'
                b'<description>&x;</description></item></channel></rss>', "declares its own XML entities"),
    "empty.rss": (b'<?xml version="1.0"?><rss version="2.0"><channel><title>Nothing</title></channel></rss>',
                  "empty feed"),
    # nesting
    "deep.html": (b"<html><body>" + b"<div>" * 100_000 + PROSE.encode() * 5 + b"</div>" * 100_000 + b"</body></html>",
                  "not an article"),
    "deep-list.json": (b"[" * 100_000 + b"]" * 100_000, "nested too deep"),
    "deep-object.json": (b'{"a": ' * 50_000 + b"1" + b"}" * 50_000, "nested too deep"),
    "deep-line.jsonl": (b'{"a": ' * 50_000 + b"1" + b"}" * 50_000 + b"\n", "nested too deep"),
    # WARC
    "cut.warc": (_warc(PROSE.encode() * 40)[:-400], "truncated WARC record"),
    "garbage.warc": (b"WARC/1.0\r\nthis is not a header\r\n\r\n\x00\x01", "WARC"),
    # bytes that are not text
    "nul.txt": (b"date 2024-01-01 " + PROSE.encode() + b"\x00\x00\x00" + PROSE.encode(), "binary"),
    "late-nul.txt": (PROSE.encode() * 80 + b"\x00" + PROSE.encode(), "NUL bytes in the text"),
    "noise.bin": (bytes(range(256)) * 40, "binary"),
    "utf16.txt": ((PROSE * 3).encode("utf-16-le"), "UTF-16 (little-endian) without a byte-order mark"),
    "mojibake.txt": (("Совет проголосовал во вторник за новый бюджет города. " * 4).encode("utf-8")
                     .decode("cp1252", "replace").encode("utf-8"), "UTF-8 read in a Western code page"),
    "utf16-be.txt": ((PROSE * 3).encode("utf-16-be"), "UTF-16 (big-endian) without a byte-order mark"),
    "broken-utf8.txt": (PROSE.encode() + "é".encode() + b"\xff\xfe" + PROSE.encode(), "invalid UTF-8"),
    "big.txt": (b"date 2024-01-01 " + b"x" * (21 * 1024 * 1024), "too large"),
    # not articles
    "empty.txt": (b"", "empty file"),
    "blank.txt": (b" \n\n\t \n", "empty file"),
    "short.txt": (b"date 2024-01-01 Hi there.", "too short to be an article"),
    "scalar.json": (b"42", "a JSON int, not an article"),
    "true.json": (b"true", "a JSON bool, not an article"),
    "empty-list.json": (b"[]", "no articles"),
    "no-text.json": (b'{"title": "A headline only", "url": "https://x.example.org/a"}', "no text"),
    "bad-line.jsonl": (b'{"text": broken}\n', "line 1 is not valid JSON"),
    "latin1-line.jsonl": (b'{"text": "caf\xe9 ' + PROSE.encode() + b'"}\n', "not valid UTF-8"),
    "login.txt": (b"Sign in to continue reading. Email address, password. Forgot your password? Remember me.",
                  "login or paywall page"),
    "script-url.txt": (b"title: A story\nurl: javascript:alert(1)\n---\n" + PROSE.encode() * 3, "not http(s)"),
    "notes.txt": (b"source: wire\nfetched: 2024-03-18\nlicence: cc-by\nchecked: yes\n", "metadata file"),
    "bad-date.txt": (b"date 2021-02-30 " + PROSE.encode(), "impossible date"),
    "error-page.html": (b"<html><head><title>404 Not Found</title></head><body><h1>Not Found</h1>"
                        b"<p>The requested URL was not found on this server.</p></body></html>", "not an article"),
    "marks.txt": (b"date 2024-01-01 " + "“".encode() * 1_000_000, "text too long to analyse"),
    "mark-run.txt": (b"date 2024-01-01 " + PROSE.encode() + "“”".encode() * 5_000, "punctuation marks"),
    "long.txt": (b"date 2024-01-01 " + PROSE.encode() * 1_700, "text too long to analyse"),
    # odd file names (content bad too, so the line names them)
    b"caf\xe9-\xff.txt".decode("utf-8", "surrogateescape"): (b"\x00\x01\x02", "binary"),
    "line\nbreak.txt": (b"date 2024-01-01 Tiny.", "too short"),
    "it's a \"quoted\" name.txt": (b"7", "a JSON int"),
    "-rf.txt": (b"", "empty file"),
}


def corpus(folder: Path) -> dict[str, str]:
    """Write the corpus into `folder`; returns each input's name as the error line shows it
    (escaped) and what the line must say."""
    from newsfacts.ingest.sources.dispatch import display

    folder.mkdir(parents=True, exist_ok=True)
    expected: dict[str, str] = {}
    for name, (data, says) in FILES.items():
        with open(os.fsencode(folder) + b"/" + os.fsencode(name), "wb") as f:
            f.write(data)
        expected[display(name)] = says
    outside = folder.parent / "outside.txt"
    outside.write_text(article(50), encoding="utf-8")
    links = {"loop.txt": folder / "loop.txt", "escape.txt": outside, "dangling.txt": folder / "gone.txt",
             "folder-link": folder.parent}
    for name, target in links.items():
        (folder / name).symlink_to(target)
    expected.update({"loop.txt": "symbolic link loop", "escape.txt": "out of the folder",
                     "dangling.txt": "broken symbolic link", "folder-link": "symbolic link to a folder"})
    os.mkfifo(folder / "pipe.txt")
    expected["pipe.txt"] = "not a regular file (a FIFO)"
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(folder / "sock.txt"))
    sock.close()
    expected["sock.txt"] = "not a regular file (a socket)"
    if os.geteuid() != 0:  # root reads any file whatever its mode
        (folder / "unreadable.txt").write_text(article(51), encoding="utf-8")
        (folder / "unreadable.txt").chmod(0)
        expected["unreadable.txt"] = "Permission denied"
    return expected
