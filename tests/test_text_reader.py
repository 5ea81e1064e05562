"""The project's text format: date line, header block, plain text; BOM, CRLF and encodings."""

from __future__ import annotations

from datetime import date

import pytest

from newsfacts.ingest.sources import ReadError, read_bytes

BODY = "The council met on Monday.\n\n“We agreed,” said Jo Park."


def one(data: bytes):
    (article,) = read_bytes(data, "x.txt")
    return article


def test_date_line_with_text_on_the_same_line():
    a = one(f"  date 2021-12-13 {BODY}".encode())
    assert a.published == date(2021, 12, 13)
    assert a.text == BODY
    assert a.reader == "text" and a.raw_sha256


def test_bom_and_crlf():
    a = one(b"\xef\xbb\xbf" + f"date 2021-12-13 {BODY}".replace("\n", "\r\n").encode())
    assert a.published == date(2021, 12, 13)
    assert a.text == BODY  # offsets are into text with plain newlines


def test_header_block():
    head = ("title: Council agrees budget\nurl: https://example.org/budget\noutlet: Example Post\n"
            "author: Ann Lee\npublished: 2022-01-05\n---\n")
    a = one((head + BODY).encode())
    assert (a.title, a.url, a.outlet, a.author) == ("Council agrees budget", "https://example.org/budget",
                                                   "Example Post", "Ann Lee")
    assert a.published == date(2022, 1, 5) and a.text == BODY
    assert a.identity == "url:https://example.org/budget"


def test_plain_text_has_no_publication_date():
    a = one(BODY.encode())
    assert a.published is None and a.text == BODY


def test_legacy_encoding_is_detected():
    text = ("The café owners said the new rules were “unfair” and that prices would rise. " * 6)
    a = one(text.encode("cp1252"))
    assert "café" in a.text and "“unfair”" in a.text


@pytest.mark.parametrize("data, reason", [
    (b"", "empty"),
    (b"date 2021-02-30 " + BODY.encode(), "impossible date"),
    (b"date 2021-13-01 " + BODY.encode(), "impossible date"),
    (b"date 2021-12-13   \n\n", "no article text"),
    ("date 2021-12-13 ok ".encode() + b"\xff\xfe\x00\x00" * 50, "binary"),
    ("Caf\u00e9 ".encode() + b"\xe9\xff broken", "UTF-8"),
])
def test_bad_text_is_refused_with_a_reason(data, reason):
    with pytest.raises(ReadError) as e:
        read_bytes(data, "bad.txt")
    assert reason.lower() in str(e.value).lower()
    assert str(e.value).startswith("bad.txt: ") and "\n" not in str(e.value)
