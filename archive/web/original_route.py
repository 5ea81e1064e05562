"""/<database>/-/original/<sha256>: the exact bytes an article was read from, inflated from the
compressed copy the `originals` table keeps (archive/originals.py), unless originals are private."""

from __future__ import annotations

from datasette.utils.asgi import Response

ROUTE = r"^/(?P<database>[^\/\.]+)/-/original/(?P<sha256>[0-9a-f]{64})$"


async def original(datasette, request):
    from ..datasette_safety import private_originals
    from ..originals import inflate

    if private_originals(datasette):
        return Response.text("originals are private on this server", status=403)
    try:
        db = datasette.get_database(route=request.url_vars["database"])
    except KeyError:
        return Response.text("no such database", status=404)
    sha256 = request.url_vars["sha256"]
    rows = (await db.execute("SELECT size, content FROM originals WHERE sha256 = ?", [sha256])).rows
    if not rows:
        return Response.text(f"no original {sha256}", status=404)
    data = inflate(bytes(rows[0]["content"]), rows[0]["size"])
    return Response(data, content_type="application/octet-stream",
                    headers={"content-disposition": f'attachment; filename="{sha256}"'})


def routes() -> list[tuple[str, object]]:
    return [(ROUTE, original)]
