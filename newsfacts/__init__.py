"""newsfacts: an event-sourced archive of news articles and the claims inside them.

The code lives in the top-level folders the project was asked for (schema/, ingest/, archive/);
pyproject.toml maps them to newsfacts.schema, newsfacts.ingest and newsfacts.archive so that the
installed package claims one import name instead of three generic ones.
"""

__version__ = "0.1.0"
