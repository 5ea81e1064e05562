"""/<database>/-/original/<sha256>: the exact bytes an article was read from, inflated from the
compressed copy the `originals` table keeps (archive/originals.py), unless originals are private."""

from __future__ import annotations

from datasette.utils.asgi import Response

ROUTE = r"^/(?P<database>[^\/\.]+)/-/original/(?P<sha256>[0-9a-f]{64})$"


async def original(datasette, request):
    from ..datasette_safety import private_originals
    from ..originals import original_bytes

    if private_originals(datasette):
        return Response.text("originals are private on this server", status=403)
    try:
        db = datasette.get_database(route=request.url_vars["database"])
    except KeyError:
        return Response.text("no such database", status=404)
    sha256 = request.url_vars["sha256"]
    data = await db.execute_fn(lambda conn: original_bytes(conn, sha256))
    if data is None:
        return Response.text(f"no original {sha256}", status=404)
    return Response(data, content_type="application/octet-stream",
                    headers={"content-disposition": f'attachment; filename="{sha256}"'})


def routes() -> list[tuple[str, object]]:
    return [(ROUTE, original)]
