"""WARC web archives, by warcio, streamed record by record (memory stays flat on any size).

Every `response` record with HTTP status 200 and an HTML content type becomes an article read
by the HTML reader; other records (requests, metadata, redirects, images) are skipped silently.
- `source` and the fallback `url` are the record's WARC-Target-URI; `read_at` is its WARC-Date
  (when the page was captured).
- The WARC-Date is NOT used as the publication date: a capture can come years after publication
  and a wrong date would mis-resolve every relative date in the text. The page's own metadata
  and its URL give the date, or it stays None.
- `raw` is the record's HTTP payload as served (transfer and content encodings undone): the
  bytes the HTML reader parsed, so the same page captured twice is stored once.
- A truncated record is a ReadError; the records before it are kept.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timezone
from typing import BinaryIO

from . import html
from .base import MAX_BYTES, Item, ReadError

NAME = "warc"
HTML_TYPES = ("text/html", "application/xhtml+xml")


def read_stream(stream: BinaryIO, source: str) -> Iterator[Item]:
    """Each HTML page of the WARC in `stream`, as an Article or the ReadError of its record."""
    from warcio.archiveiterator import ArchiveIterator

    try:
        records = iter(ArchiveIterator(stream, arc2warc=True))
    except Exception as e:
        raise ReadError(source, f"not a readable WARC ({type(e).__name__}: {e})") from None
    n = 0
    while True:
        try:
            record = next(records)
        except StopIteration:
            return
        except ReadError as e:
            yield e
            return
        except Exception as e:  # warcio raises assorted errors on corrupt input
            yield ReadError(source, f"corrupt WARC after record {n} ({type(e).__name__}: {e})")
            return
        n += 1
        try:
            item = _record(record, source, n)
        except ReadError as e:
            yield e
            if e.reason.startswith("truncated"):
                return
            continue
        except Exception as e:
            yield ReadError(f"{source}#{n}", f"unreadable record ({type(e).__name__}: {e})")
            continue
        if item is not None:
            yield item


def _record(record, source: str, n: int) -> Item | None:
    """The article of one record, None for a record that is not an HTML page."""
    if record.rec_type is None:
        raise ReadError(f"{source}#{n}", "truncated or corrupt WARC record (no header)")
    if record.rec_type != "response" or record.http_headers is None:
        return None
    status = record.http_headers.get_statuscode()
    ctype = (record.http_headers.get_header("Content-Type") or "").split(";")[0].strip().lower()
    if status != "200" or ctype not in HTML_TYPES:
        return None
    uri = record.rec_headers.get_header("WARC-Target-URI") or f"{source}#{n}"
    payload = record.content_stream().read(MAX_BYTES + 1)
    # a broken record is named by the file and its number (the URI alone names no input)
    if len(payload) > MAX_BYTES:
        raise ReadError(f"{source}#{n}", f"page too large (more than {MAX_BYTES:,} bytes; {uri})")
    if getattr(record.raw_stream, "limit", 0):
        raise ReadError(f"{source}#{n}", f"truncated WARC record (record {n}, {uri}, ends "
                                         f"{record.raw_stream.limit:,} bytes early)")
    read_at = _warc_date(record.rec_headers.get_header("WARC-Date"))
    try:
        return next(html.read(payload, uri, url=uri, read_at=read_at, reader=NAME))
    except ReadError as e:
        return e


def _warc_date(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        d = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    return d if d.tzinfo else d.replace(tzinfo=timezone.utc)
