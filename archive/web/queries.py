"""Named queries asked without what they need say what to enter.

`quotes_of_speaker?speaker=` matched `like '%' || '' || '%'` and returned 1,000 rows of everybody:
an empty parameter is not a question. Every `:parameter` of a named query is required; metadata.yml
gives each a `hints` entry (what to enter, with an example) that the answer quotes: JSON and CSV get
a 400 naming the parameter, the HTML page a form asking for it.
"""

from __future__ import annotations

import re
from urllib.parse import urlencode

from datasette.utils.asgi import Response

_PARAMETER = re.compile(r"(?<![:\w]):([A-Za-z_]\w*)")
_STRING = re.compile(r"'(?:[^']|'')*'")


def parameters(sql: str) -> list[str]:
    """The :named parameters of a query, in order, outside string literals (Datasette's own
    magic `_` parameters excluded)."""
    names = _PARAMETER.findall(_STRING.sub("''", sql))
    return [n for n in dict.fromkeys(names) if not n.startswith("_")]


def missing(query: dict, args) -> list[str]:
    return [p for p in parameters(query.get("sql", "")) if not (args.get(p) or "").strip()]


def message(name: str, query: dict, absent: list[str]) -> str:
    hints = query.get("hints") or {}
    wanted = "; ".join(f"{p}: {hints.get(p, 'a value')}" for p in absent)
    example = urlencode({p: (hints.get(f"{p}_example") or "...") for p in absent})
    return f"{name} needs {wanted} (e.g. ?{example})"


async def needs_input(datasette, request, database: str, name: str, query: dict, fmt: str | None):
    """The answer to a named query asked without its parameters, or None when it has them."""
    absent = missing(query, request.args)
    if not absent:
        return None
    text = message(name, query, absent)
    if fmt == "json":
        return Response.json({"ok": False, "error": text, "status": 400, "title": "Enter a value"}, status=400)
    if fmt:
        return Response.text(text + "\n", status=400)
    hints = query.get("hints") or {}
    fields = [{"name": p, "value": request.args.get(p) or "", "hint": hints.get(p, ""),
               "example": hints.get(f"{p}_example", ""), "missing": p in absent}
              for p in parameters(query["sql"])]
    html = await datasette.render_template(
        "newsfacts_needs_input.html",
        {"database": database, "name": name, "query": query, "fields": fields, "message": text},
        request=request)
    return Response.html(html)
