"""Datasette's table view with this archive's corrections: the first page of a sorted table is
asked for as a keyset page (pagination.py), an HTML page draws the rows that fit its budget of
cells (page_rows.py), and a named query without its parameters asks for them (queries.py). The same route also serves named queries, which Datasette dispatches from it."""

from __future__ import annotations

from datasette.utils import tilde_decode
from datasette.views.table import TableView

from . import page_rows, pagination, queries

TABLE_ROUTE = r"/(?!-/)(?P<database>[^\/\.]+)/(?P<table>[^\/\.]+)(\.(?P<format>\w+))?$"
"""Datasette's own table route, less its /-/ pages: a plugin's routes are matched before Datasette's."""


class ReadingTableView(TableView):
    async def get(self, request):
        answer = await self._asked_without_parameters(request)
        return answer if answer is not None else await super().get(request)

    async def data(self, request, default_labels=False, _next=None, _size=None):
        asked = await self._asked_for(request)
        if asked is not None and asked[2] is None:  # a table or a view, not a named query
            db, name, _ = asked
            if _next is None:
                _next = await pagination.first_page_token(self.ds, request, db, name)
            if _size is None:
                _size = await page_rows.html_page_size(self.ds, request, db, name)
        return await super().data(request, default_labels=default_labels, _next=_next, _size=_size)

    async def _asked_for(self, request):
        """The database, the name and the named query (None for a table or view) the URL asks for;
        None when there is no such database (Datasette answers that itself)."""
        try:
            db = self.ds.get_database(route=tilde_decode(request.url_vars["database"]))
        except KeyError:
            return None
        name = tilde_decode(request.url_vars["table"])
        return db, name, await self.ds.get_canned_query(db.name, name, request.actor)

    async def _asked_without_parameters(self, request):
        asked = await self._asked_for(request)
        if asked is None or not asked[2] or asked[2].get("write"):
            return None
        db, name, query = asked
        return await queries.needs_input(self.ds, request, db.name, name, query, request.url_vars.get("format"))

def routes(datasette) -> list[tuple[str, object]]:
    return [(TABLE_ROUTE, ReadingTableView.as_view(datasette))]
