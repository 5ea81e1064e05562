"""Extractors: an Article (and its spaCy Doc) in, Claims out; nothing here knows of storage.

Each claim kind has its own module with a `find_*` function and a `VERSION`; `EXTRACTOR_VERSION`
combines them, so changing one extractor appends new extraction events on the next ingest.

The extractors (and spaCy with them) are imported when first used, not with the package: the
archive reads a few pure helpers of this package (`headline_names`, `wordlists`) to take in the
speakers of an event, and `verify`, `rebuild`, `serve` and each Datasette process would otherwise
pay about a second of CPU loading spaCy they never call.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from newsfacts.schema.article import Article
from newsfacts.schema.claims import Claims, DateClaim


def extractor_version() -> str:
    """The extractors' versions combined (importing them, and spaCy)."""
    from . import dates, figures, quotes

    return f"quotes-{quotes.VERSION}.figures-{figures.VERSION}.dates-{dates.VERSION}"


def __getattr__(name: str):
    """`EXTRACTOR_VERSION`, computed on first use (PEP 562), then kept as a plain attribute."""
    if name == "EXTRACTOR_VERSION":
        globals()[name] = version = extractor_version()
        return version
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def claims_from_doc(article: Article, doc) -> Claims:
    """All claims of one article from its parsed Doc."""
    from . import dates, figures, quotes

    qs, speakers = quotes.find_quotes(doc, article)
    figs = figures.find_figures(doc, article)
    ds = dates.find_dates(doc, article)
    if article.published is not None:
        iso = article.published.isoformat()
        ds = [DateClaim(text=iso, value=iso, precision="day", dateline=True, rule="dateline")] + ds
    # a figure inside a quote is the speaker's claim
    linked = []
    for f in figs:
        for i, q in enumerate(qs):
            if q.kind != "indirect" and q.start <= f.start and f.end <= q.end:
                name = q.speaker.name if q.speaker else None
                f = f.model_copy(update={"quote": i, "speaker": name})
                break
        linked.append(f)
    return Claims(source=article.source, published=article.published, extractor=extractor_version(),
                  quotes=qs, figures=linked, dates=ds, speakers=speakers)


def extract_many(articles: Iterable[Article], nlp=None, batch_size: int = 16) -> Iterator[tuple[Article, Claims]]:
    """Claims for a stream of articles, running the pipeline in batches (loaded once)."""
    from .pipeline import load, parse_input

    nlp = nlp or load()
    pending = ((parse_input(a.text), a) for a in articles)
    for doc, article in nlp.pipe(pending, as_tuples=True, batch_size=batch_size):
        yield article, claims_from_doc(article, doc)


def extract(article: Article, nlp=None) -> Claims:
    return next(extract_many([article], nlp))[1]
