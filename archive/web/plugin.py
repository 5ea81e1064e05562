"""The newsfacts Datasette plugin: registered through the `datasette` entry point, so a plain
`datasette archive.db -m metadata.yml` serves the same pages as `newsfacts serve`.

Each page or behaviour lives in its own module; this one only connects them to Datasette's hooks.
"""

from __future__ import annotations

from datasette import hookimpl

from . import cells, rows_html, search, table_cells

__all__ = ["startup", "prepare_jinja2_environment", "register_routes", "prepare_connection", "extra_template_vars", "extra_css_urls",
           "extra_js_urls", "render_cell"]


@hookimpl
def startup(datasette):
    """Once the app is loaded, its heap is left out of full collections (heap.py)."""
    from . import heap

    heap.freeze_once()


@hookimpl
def prepare_jinja2_environment(env, datasette):
    rows_html.prepare(env)


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
    if table is not None and database is not None:
        if (shown := table_cells.sentence(row, value, column, table)) is not None:
            return shown
        if table_cells.long(value):
            async def cut():
                other = (await cells.foreign_keys(datasette, database, table)).get(column)
                return table_cells.long_label(datasette, database, value, other)

            return cut
    if not cells.may_link(datasette, database, table, column, value, row):
        return None

    async def inner():
        return await cells.render(row, value, column, table, database, datasette)

    return inner
