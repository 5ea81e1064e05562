"""The reading room: the Datasette plugin (pages, search, exact paging) and its package data
(metadata.yml, templates/, static/). Datasette loads this package through the `datasette` entry
point and finds its templates and static files beside it; the hooks are in plugin.py."""

from .plugin import *  # noqa: F401,F403 (the hook implementations Datasette looks for)
