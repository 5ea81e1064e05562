"""Web pages and feeds fetched over HTTP(S) with httpx: a timeout, a size limit, a user agent
that says who is asking, redirects followed. Fetching is all this module does; what the bytes
are (page or feed) is decided by the dispatcher from the content type and the content."""

from __future__ import annotations

import time
from dataclasses import dataclass

from newsfacts import __version__

from .base import MAX_BYTES, ReadError

TIMEOUT = 20.0
"""Seconds allowed for the whole fetch (connect, wait and download), not only between bytes."""
USER_AGENT = f"newsfacts/{__version__} (+https://github.com/newsfacts)"
MAX_REDIRECTS = 10


@dataclass(frozen=True)
class Fetched:
    url: str  # after redirects
    content_type: str
    data: bytes


def is_url(target: str) -> bool:
    return target[:8].lower().startswith(("http://", "https://"))


def fetch(url: str, *, timeout: float = TIMEOUT, max_bytes: int | None = None) -> Fetched:
    """The body of `url`, or ReadError with the reason (unreachable, HTTP status, timeout, size)."""
    import httpx

    max_bytes = MAX_BYTES if max_bytes is None else max_bytes
    deadline = time.monotonic() + timeout
    try:
        with httpx.Client(timeout=timeout, follow_redirects=True, max_redirects=MAX_REDIRECTS,
                          headers={"User-Agent": USER_AGENT}) as client:
            with client.stream("GET", url) as response:
                if response.status_code >= 400:
                    raise ReadError(url, f"HTTP {response.status_code} {response.reason_phrase}".strip())
                if response.status_code != 200:
                    raise ReadError(url, f"unexpected HTTP {response.status_code} {response.reason_phrase}")
                declared = response.headers.get("Content-Length", "")
                if declared.isdigit() and int(declared) > max_bytes:
                    raise ReadError(url, f"too large ({int(declared):,} bytes; the limit is {max_bytes:,})")
                chunks, size = [], 0
                for chunk in response.iter_bytes():
                    size += len(chunk)
                    if size > max_bytes:
                        raise ReadError(url, f"too large (more than {max_bytes:,} bytes)")
                    if time.monotonic() > deadline:
                        raise ReadError(url, f"timed out after {timeout:g} s (download too slow)")
                    chunks.append(chunk)
                return Fetched(str(response.url), response.headers.get("Content-Type", ""),
                               b"".join(chunks))
    except ReadError:
        raise
    except httpx.TimeoutException:
        raise ReadError(url, f"timed out after {timeout:g} s") from None
    except httpx.TooManyRedirects:
        raise ReadError(url, f"too many redirects (more than {MAX_REDIRECTS})") from None
    except (httpx.InvalidURL, httpx.UnsupportedProtocol) as e:
        raise ReadError(url, f"invalid URL ({e})") from None
    except httpx.ConnectError as e:
        raise ReadError(url, f"unreachable ({_reason(e)})") from None
    except httpx.HTTPError as e:
        raise ReadError(url, f"fetch failed ({type(e).__name__}: {_reason(e)})") from None


def _reason(e: Exception) -> str:
    return " ".join(str(e).split())[:200] or type(e).__name__
