"""The rows of a table drawn in Python, one call a row, instead of three template expressions a cell.

Datasette's `_table.html` draws each of a page's 2,400 cells (100 rows of 24 columns) with three
expressions of an async Jinja template (the column's CSS class through a filter, the value's type,
the value), each awaited, looked up and escaped on its own: about a third of a table page's CPU
time. `templates/_table.html` is Datasette's, with the cells of a row written by `cells_html`, the
same markup; the CSS class of a column name is worked out once per name, not once per cell.
"""

from __future__ import annotations

from functools import lru_cache

from datasette.utils import to_css_class
from markupsafe import Markup, escape

css_class = lru_cache(maxsize=4096)(to_css_class)
"""Datasette's CSS class of a name (a regular expression, else an MD5 suffix), once per name."""

CELL = '\n                    <td class="col-{} type-{}">{}</td>'
"""One cell, as Datasette's _table.html draws it (its indentation kept)."""


def cells_html(row) -> Markup:
    """A display row's cells ({column, value_type, value, ...} each) as <td> elements."""
    return Markup("".join(CELL.format(escape(css_class(c["column"])), escape(c["value_type"]), escape(c["value"]))
                          for c in row))


def prepare(env) -> None:
    """The filters the templates use (prepare_jinja2_environment)."""
    env.filters["nf_cells"] = cells_html
    env.filters["to_css_class"] = css_class
