"""HTML to plain text: charset-aware decoding of pages, and the text of an HTML fragment (a
feed item's content) without images, captions, pull quotes, related links or "read more"."""

from __future__ import annotations

import re

from .decode import decode

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w:.-]+)""", re.I)
_BLOCKS = {"p", "div", "li", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section",
           "article", "pre", "dd", "dt", "td", "th", "ul", "ol", "table", "header", "footer"}
_DROP_TAGS = ("script", "style", "noscript", "img", "figure", "figcaption", "picture", "video",
              "audio", "iframe", "object", "embed", "svg", "form", "button", "aside", "nav")
_DROP_CLASS = re.compile(r"pull-?quote|caption|related|share|social|advert|\bads?\b|promo|newsletter",
                         re.I)
_TRAILERS = re.compile(r"^(?:continue reading|read more|read the full (?:story|article)|related:)",
                       re.I)


def decode_page(data: bytes, source: str) -> str:
    """A page's text: the charset its <meta> declares when it decodes cleanly, else the shared
    UTF-8-first rules (which refuse binary and undecodable input)."""
    m = _META_CHARSET.search(data[:4096])
    if m:
        enc = m[1].decode("ascii", "replace").lower()
        # a declared UTF-16/32 with no byte-order mark is left to decode(), which names it
        if enc not in ("utf-8", "utf8") and not enc.startswith(("utf-16", "utf16", "utf-32", "utf32")):
            try:
                text = data.decode(enc)
            except (LookupError, UnicodeDecodeError):
                pass
            else:
                if "\x00" not in text[:8192]:
                    return decode(text.encode("utf-8"), source)
    return decode(data, source)


def fragment_text(fragment: str) -> str:
    """The readable text of an HTML fragment, one paragraph a line."""
    if "<" not in fragment and "&" not in fragment:
        return _squash_lines(fragment)
    import lxml.html
    from lxml import etree

    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return ""
    for el in list(root.iter(*_DROP_TAGS)):
        _drop(el)
    total = len(root.text_content())
    for el in list(root.iter()):
        if not isinstance(el.tag, str) or el.getparent() is None:
            continue
        cls = f"{el.get('class', '')} {el.get('id', '')}"
        # a side element by its class, never a wrapper holding most of the text ("share-enabled")
        if cls.strip() and _DROP_CLASS.search(cls) and len(el.text_content()) < 0.3 * total:
            _drop(el)
    for a in list(root.iter("a")):
        if _TRAILERS.match(" ".join(a.text_content().split())):
            _drop(a)
    for br in root.iter("br"):
        br.tail = "\n" + (br.tail or "")
    for el in root.iter():
        if isinstance(el.tag, str) and el.tag in _BLOCKS:
            el.tail = "\n" + (el.tail or "")
            if el.text:
                el.text = "\n" + el.text
            else:
                el.text = "\n"
    text = root.text_content()
    lines = [ln for ln in _squash_lines(text).split("\n") if not _TRAILERS.match(ln)]
    while lines and lines[-1].endswith(":"):  # "Previously on X:" heading a removed widget
        lines.pop()
    return "\n".join(lines)


def plain_text(text: str) -> str:
    """Plain text with its spacing normalised, one paragraph a line."""
    return _squash_lines(text)


def _drop(el) -> None:
    """Remove an element and its content, keeping the text that follows it."""
    if el.getparent() is not None:
        el.drop_tree()


def _squash_lines(text: str) -> str:
    lines = (" ".join(line.split()) for line in text.replace("\xa0", " ").split("\n"))
    return "\n".join(line for line in lines if line)


__all__ = ["decode_page", "fragment_text", "plain_text"]
