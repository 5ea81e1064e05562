"""The newsfacts Datasette plugin: registered through the `datasette` entry point, so a plain
`datasette archive.db -m metadata.yml` serves the same pages as `newsfacts serve`.

Each page or behaviour lives in its own module; this one only connects them to Datasette's hooks.
"""

from __future__ import annotations

from datasette import hookimpl

from . import search

__all__ = ["register_routes", "prepare_connection", "extra_template_vars", "extra_css_urls", "extra_js_urls",
           "render_cell"]


@hookimpl
def register_routes(datasette):
    from . import original_route, tableview  # Datasette's views import its plugins: import them once it is loaded

    return original_route.routes() + tableview.routes(datasette)


@hookimpl(trylast=True)
def prepare_connection(conn):
    """After Datasette's own: this archive's `escape_fts` keeps phrases and prefixes (search.py)."""
    conn.create_function("escape_fts", 1, search.fts_query, deterministic=True)


@hookimpl
def extra_template_vars(template, database, table, view_name, request, datasette):
    from . import pages

    async def inner():
        return await pages.extra_vars(template, database, table, view_name, request, datasette)

    return inner


@hookimpl
def extra_css_urls(datasette):
    return [datasette.urls.static_plugins("newsfacts", "newsfacts.css")]


@hookimpl
def extra_js_urls(datasette):
    return [{"url": datasette.urls.static_plugins("newsfacts", "newsfacts.js"), "module": True}]


@hookimpl
def render_cell(row, value, column, table, database, datasette):
    from . import cells

    if not cells.may_link(datasette, database, table, column, value):
        return None

    async def inner():
        return await cells.render(row, value, column, table, database, datasette)

    return inner
