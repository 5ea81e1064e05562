"""Bytes to text: UTF-8 (with or without BOM) first, other encodings only when detection is sure."""

from __future__ import annotations

import codecs
import re

from .admit import word_list
from .base import MAX_BYTES, ReadError


def decode(data: bytes, source: str) -> str:
    """Decode an input file, refusing what is not text.

    UTF-8 is what nearly every file is; a legacy encoding (cp1252, latin-1) is accepted only when
    charset-normalizer is confident, because a wrong guess would silently corrupt quotes.
    """
    if not data.strip():
        raise ReadError(source, "empty file")
    if len(data) > MAX_BYTES:
        raise ReadError(source, f"too large ({len(data):,} bytes; the limit is {MAX_BYTES:,})")
    for bom, enc in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                     (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return _clean(data.decode(enc), source)
            except UnicodeDecodeError as e:
                raise ReadError(source, f"invalid {enc} at byte {e.start}") from None
    if reason := utf16_without_mark(data):
        raise ReadError(source, reason)
    if b"\x00" in data[:8192]:
        raise ReadError(source, "binary file (NUL bytes), not text")
    try:
        return _clean(data.decode("utf-8"), source)
    except UnicodeDecodeError as e:
        utf8_error = e
    if _has_utf8_sequences(data):
        # valid multi-byte UTF-8 beside invalid bytes: a damaged UTF-8 file, not a legacy encoding
        raise ReadError(source, f"invalid UTF-8 at byte {utf8_error.start} (the file mixes UTF-8 "
                                "with other bytes; re-save it as UTF-8)")
    if _mostly_ascii(data):
        try:  # English with a few accents and curly quotes: the web's legacy default, cp1252
            return _clean(data.decode("cp1252"), source)
        except UnicodeDecodeError:
            pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if (best is None or best.chaos > 0.1 or best.coherence < MIN_COHERENCE
            or best.encoding in ("utf_8", "ascii")):
        raise ReadError(source, f"not valid UTF-8 (byte {utf8_error.start}) and no other encoding "
                                "could be detected with confidence")
    likely = [e for e in [best.encoding, *best.could_be_from_charset] if e in word_list("code_pages.txt")]
    if not likely:
        # "text that decodes to a different script than its bytes suggest ... is refused"
        raise ReadError(source, f"not valid UTF-8, and its code page cannot be told (it decodes as "
                                f"{best.encoding}, which news text is not written in); re-save it as UTF-8")
    return _clean(data.decode(likely[0]), source)


MIN_COHERENCE = 0.1
"""charset-normalizer's language coherence below which a guess is mojibake, not a language
(invalid UTF-8 garbage scores 0: it 'decodes' as anything)."""
def _mostly_ascii(data: bytes) -> bool:
    """English with curly quotes and accents has a few percent of high bytes; text in a script of
    its own (Cyrillic, Greek in a single-byte code page) has most of its letters there."""
    return sum(b > 0x7F for b in data[:100_000]) < 0.15 * min(len(data), 100_000)


_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def _has_utf8_sequences(data: bytes) -> bool:
    return _UTF8_MULTIBYTE.search(data) is not None


def utf16_without_mark(data: bytes) -> str | None:
    """Why `data` looks like UTF-16 with no byte-order mark (NUL bytes at every other position,
    as Latin text has in UTF-16), or None: decoded as anything else it becomes CJK or garbage."""
    head = data[:4096]
    even, odd = head[0::2].count(0), head[1::2].count(0)
    if even + odd < 0.2 * len(head) or len(head) < 8:
        return None
    if max(even, odd) < 0.8 * (even + odd):
        return None
    order = "big-endian" if even > odd else "little-endian"
    return f"looks like UTF-16 ({order}) without a byte-order mark; re-save it as UTF-8"


_MOJIBAKE = re.compile("[\u00c2-\u00c5\u00d0\u00d1\u00d8\u00d9][\u0080-\u00bf\u0152\u0153\u0160\u0161"
                       "\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u2122]|\u00e2\u20ac[\u0153\u009d\u2122\u02dc\u00a6\u201c\u201d\u2018\u2019]")
"""UTF-8 read as cp1252 or Latin-1: `Ã©` for é, `â€œ` for a curly quote, `Ð¡` for Cyrillic С."""


def mojibake(text: str) -> str | None:
    """Why the text looks like UTF-8 decoded in a Western code page, or None."""
    sample = text[:100_000]
    found = _MOJIBAKE.findall(sample)
    if len(found) >= 3 and len(found) > 0.002 * len(sample):
        return (f"looks like UTF-8 read in a Western code page ({len(found)} sequences like "
                f"{found[0]!r}); re-save it as UTF-8")
    return None


def _clean(text: str, source: str) -> str:
    if reason := mojibake(text):
        raise ReadError(source, reason)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\x00" in text:
        raise ReadError(source, f"NUL bytes in the text (at character {text.index(chr(0)):,}): binary or damaged")
    controls = sum(1 for c in text[:20000] if ord(c) < 32 and c not in "\n\t\f")
    if controls > 0.01 * min(len(text), 20000) + 2:
        raise ReadError(source, "binary content (control characters), not text")
    if not text.strip():
        raise ReadError(source, "no text")
    return text
