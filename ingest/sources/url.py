"""Web pages and feeds fetched over HTTP(S) with httpx: one deadline for the whole fetch, a size
limit, a user agent that says who is asking, redirects followed except into private networks. Fetching is all this module does; what the bytes
are (page or feed) is decided by the dispatcher from the content type and the content."""

from __future__ import annotations

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


def fetch(url: str, *, timeout: float = TIMEOUT, max_bytes: int | None = None,
          private_redirects: bool | None = None) -> Fetched:
    """The body of `url`, or ReadError with the reason (unreachable, HTTP status, timeout, size).

    `timeout` is one deadline for everything, headers and body ("an overall deadline for every URL
    fetch"): a server that trickles a header line every few seconds is cut off when it passes, not
    after each read. Redirects are followed here, one by one, and one to a loopback or private
    address is refused unless the first URL was one (`private_redirects` says otherwise)."""
    import asyncio

    max_bytes = MAX_BYTES if max_bytes is None else max_bytes
    try:
        return asyncio.run(asyncio.wait_for(_fetch(url, timeout, max_bytes, private_redirects), timeout))
    except (TimeoutError, asyncio.TimeoutError):
        raise ReadError(url, f"timed out after {timeout:g} s (the whole fetch, headers and body)") from None


async def _fetch(url: str, timeout: float, max_bytes: int, private_redirects: bool | None) -> Fetched:
    import httpx

    if private_redirects is None:
        private_redirects = await private_host(url)
    try:
        async with httpx.AsyncClient(timeout=timeout, follow_redirects=False,
                                     headers={"User-Agent": USER_AGENT}) as client:
            current = url
            for _ in range(MAX_REDIRECTS + 1):
                async with client.stream("GET", current) as response:
                    if response.is_redirect:
                        current = await _redirect(url, current, response, private_redirects)
                        continue
                    return await _body(url, response, max_bytes)
            raise ReadError(url, f"too many redirects (more than {MAX_REDIRECTS})")
    except ReadError:
        raise
    except httpx.TimeoutException:
        raise ReadError(url, f"timed out after {timeout:g} s") from None
    except (httpx.InvalidURL, httpx.UnsupportedProtocol) as e:
        # httpx parses a redirect's Location as it reads the response: `javascript:` fails here
        raise ReadError(url, f"invalid URL or redirect target, not followed ({e})") from None
    except httpx.ConnectError as e:
        raise ReadError(url, f"unreachable ({_reason(e)})") from None
    except httpx.HTTPError as e:
        raise ReadError(url, f"fetch failed ({type(e).__name__}: {_reason(e)})") from None


async def _redirect(url: str, current: str, response, private_ok: bool) -> str:
    """Where a redirect leads, once it is known to be allowed."""
    from urllib.parse import urljoin

    target = urljoin(current, response.headers.get("Location", ""))
    if not is_url(target):
        raise ReadError(url, f"redirect to a URL that is not http(s) ({target[:80]!r})")
    if not private_ok and await private_host(target):
        raise ReadError(url, f"redirect to a loopback or private address refused ({target[:80]})")
    return target


async def _body(url: str, response, max_bytes: int) -> Fetched:
    if response.status_code >= 400:
        raise ReadError(url, f"HTTP {response.status_code} {response.reason_phrase}".strip())
    if response.status_code != 200:
        raise ReadError(url, f"unexpected HTTP {response.status_code} {response.reason_phrase}")
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise ReadError(url, f"too large ({int(declared):,} bytes; the limit is {max_bytes:,})")
    chunks, size = [], 0
    async for chunk in response.aiter_bytes():
        size += len(chunk)
        if size > max_bytes:
            raise ReadError(url, f"too large (more than {max_bytes:,} bytes)")
        chunks.append(chunk)
    return Fetched(str(response.url), response.headers.get("Content-Type", ""), b"".join(chunks))


async def private_host(url: str) -> bool:
    """Does the URL's host name a loopback, private, link-local or otherwise non-public address
    (any of the addresses it resolves to)? An unresolvable host is left to the fetch to report."""
    import asyncio
    import ipaddress
    import socket
    from urllib.parse import urlsplit

    host = (urlsplit(url).hostname or "").strip("[]")
    if not host:
        return False
    try:
        infos = await asyncio.get_running_loop().getaddrinfo(host, None, type=socket.SOCK_STREAM)
    except OSError:
        return False
    for info in infos:
        ip = ipaddress.ip_address(info[4][0].split("%")[0])
        if not ip.is_global or ip.is_multicast:
            return True
    return False


def _reason(e: Exception) -> str:
    return " ".join(str(e).split())[:200] or type(e).__name__
