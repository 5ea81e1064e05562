"""Bytes to text: UTF-8 (with or without BOM) first, other encodings only when detection is sure."""

from __future__ import annotations

import codecs
import re

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
    return _clean(str(best), source)


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


def _clean(text: str, source: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    controls = sum(1 for c in text[:20000] if ord(c) < 32 and c not in "\n\t\f")
    if controls > 0.01 * min(len(text), 20000) + 2:
        raise ReadError(source, "binary content (control characters), not text")
    if not text.strip():
        raise ReadError(source, "no text")
    return text
