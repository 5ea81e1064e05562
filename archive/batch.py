"""Ingesting many inputs: read lazily, extract in batches (optionally in worker processes), and
record each article in its own transaction, in input order.

Extraction is a pure function of an article, so it runs outside any transaction; only the
recording holds the write lock, one article at a time. Killed at any point, the archive holds
whole articles only; run again, articles already recorded are recognised before any NLP runs.
"""

from __future__ import annotations

import itertools
import os
import sqlite3
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from newsfacts.ingest.extract.pipeline import too_long
from newsfacts.ingest.sources import ReadError, iter_inputs
from newsfacts.schema.article import Article
from newsfacts.schema.claims import Claims

from .log import read
from .store import Decision, Outcome, decide, needs_extraction, record
from .texts import article_of
from .workers import TIME_LIMIT


@dataclass
class Summary:
    counts: Counter = field(default_factory=Counter)
    failures: list[tuple[str, str]] = field(default_factory=list)

    @property
    def failed(self) -> int:
        return len(self.failures)

    def line(self) -> str:
        parts = [f"{self.counts[k]} {k}" for k in ("ingested", "revised", "reextracted", "sighted", "unchanged")]
        return ", ".join(parts) + f", {self.failed} failed"


Progress = Callable[[Summary, str], None]

def _extract_safely(articles: list[Article], nlp) -> list[Claims | str]:
    from newsfacts.ingest.extract import extract_many

    try:
        return [c for _, c in extract_many(articles, nlp)]
    except Exception:
        out: list[Claims | str] = []
        for a in articles:  # find the article that failed; the others still go in
            try:
                out.append(next(extract_many([a], nlp))[1])
            except Exception as e:
                first_line = (str(e).strip().splitlines() or [""])[0][:200]
                out.append(f"extraction failed: {type(e).__name__}: {first_line}")
        return out


def _load_pipeline():
    from newsfacts.ingest.extract.pipeline import load

    return load()


def _extract_here(article: Article) -> Claims | str:
    return _extract_safely([article], _load_pipeline())[0]


def _resolved(source: str) -> str:
    return os.path.realpath(source) if "://" not in source else source


def _own_files(conn: sqlite3.Connection) -> set[str]:
    """The archive's file and its WAL, shared-memory and journal files."""
    main = next((r[2] for r in conn.execute("PRAGMA database_list") if r[1] == "main"), "")
    if not main:
        return set()
    main = os.path.realpath(main)
    return {main, *(main + s for s in ("-wal", "-shm", "-journal"))}


def _chunks(items: Iterable, size: int) -> Iterator[list]:
    it = iter(items)
    while chunk := list(itertools.islice(it, size)):
        yield chunk


def ingest(conn: sqlite3.Connection, targets: Iterable[str], workers: int | None = 1, chunk_size: int = 8,
           progress: Progress | None = None, actor: str | None = None, follow_links: bool = False,
           scheduler: str | None = None, time_limit: float | None = TIME_LIMIT) -> Summary:
    """Ingest every article in the targets (files, folders, URLs, '-'); never raises on bad input.
    `workers`: extraction processes; None for one per core. `follow_links`: read symbolic links
    that lead out of a folder being ingested. `scheduler`: extract on that Dask cluster's workers."""
    own_files = _own_files(conn)
    items = (i for i in iter_inputs(targets, follow_links=follow_links)
             # the archive itself, when it sits in a folder being ingested
             if not (isinstance(i, ReadError) and _resolved(i.source) in own_files))
    return ingest_items(conn, items, workers, chunk_size, progress, actor, scheduler, time_limit)


def outdated(conn: sqlite3.Connection, extractor: str) -> Iterator[Article]:
    """The current revision of every article whose claims come from another extractor version,
    rebuilt from its article.revised event (the archive needs no source files for this)."""
    ids = [r[0] for r in conn.execute(
        "SELECT id FROM articles WHERE extractor IS NULL OR extractor != ? ORDER BY first_seen, id", (extractor,))]
    for aid in ids:
        row = conn.execute("SELECT event_seq FROM revisions WHERE article_id = ? ORDER BY revision DESC LIMIT 1",
                           (aid,)).fetchone()
        event = next(read(conn, stream=f"article:{aid}", seq=row[0]))
        yield Article.model_validate(article_of(conn, event.payload))


def reextract(conn: sqlite3.Connection, workers: int | None = 1, progress: Progress | None = None,
              actor: str | None = None) -> Summary:
    """Run the current extractors on every article extracted by another version."""
    from newsfacts.ingest.extract import EXTRACTOR_VERSION

    return ingest_items(conn, outdated(conn, EXTRACTOR_VERSION), workers, progress=progress, actor=actor)


def ingest_items(conn: sqlite3.Connection, items: Iterable[Article | ReadError], workers: int | None = 1,  # noqa: C901 (to split)
                 chunk_size: int = 8, progress: Progress | None = None, actor: str | None = None,
                 scheduler: str | None = None, time_limit: float | None = TIME_LIMIT) -> Summary:
    """Record a stream of articles (and count the read errors among them), in order.
    `scheduler`: the address of a Dask scheduler (tcp://host:8786) whose workers extract.
    `time_limit`: seconds one article may take to extract in a worker process, past which the
    worker is stopped and the article reported (workers.py); None: extract in this process, with
    no limit but the length caps."""
    from newsfacts.ingest.extract import EXTRACTOR_VERSION

    workers = workers or os.cpu_count() or 1

    summary = Summary()

    def triaged() -> Iterator[tuple[Article, Decision]]:
        """Articles with what they need; read errors are counted on the way."""
        for item in items:
            if isinstance(item, ReadError):
                summary.failures.append((item.source, item.reason))
                if progress:
                    progress(summary, item.source)
                continue
            if reason := too_long(item.text):
                summary.failures.append((item.source or "<input>", reason))
                if progress:
                    progress(summary, item.source or "<input>")
                continue
            yield item, decide(conn, item, EXTRACTOR_VERSION)

    def finish(article: Article, claims: Claims | str | None) -> None:
        source = article.source or "<input>"
        if isinstance(claims, str):
            summary.failures.append((source, claims))
        else:
            try:
                if claims is None and needs_extraction(decide(conn, article, EXTRACTOR_VERSION)):
                    claims = _extract_here(article)  # the archive changed since triage (a duplicate)
                if isinstance(claims, str):
                    raise ValueError(claims)
                outcome: Outcome = record(conn, article, claims, EXTRACTOR_VERSION, actor)
                summary.counts[outcome.status] += 1
            except sqlite3.DatabaseError:
                raise  # the archive itself is in trouble: stop, nothing half-written stays
            except Exception as e:  # a claim the models refuse: report, keep going
                summary.failures.append((source, f"could not record: {type(e).__name__}: {e}"))
        if progress:
            progress(summary, source)

    def in_process(chunks: Iterable[list[tuple[Article, Decision]]]):
        for chunk in chunks:
            todo = [a for a, d in chunk if needs_extraction(d)]
            yield chunk, (_extract_safely(todo, _load_pipeline()) if todo else [])

    def in_pool(chunks: Iterable[list[tuple[Article, Decision]]], size: int):
        """Extraction in `size` worker processes, started when the first article needs one."""
        from collections import deque
        from contextlib import ExitStack

        from .workers import Pool

        with ExitStack() as stack:  # an article past the limit: its worker is stopped
            pool = None
            # chunks are triaged here, in the thread that owns the connection; results are taken
            # in submission order, so events are appended in the same order as with one worker
            inflight: deque = deque()
            for chunk in chunks:
                todo = [a for a, d in chunk if needs_extraction(d)]
                if todo and pool is None:
                    pool = stack.enter_context(Pool(size, time_limit=time_limit))
                inflight.append((chunk, pool.submit(todo) if todo else None))
                while len(inflight) > 2 * size:
                    done, fut = inflight.popleft()
                    yield done, (fut.get() if fut else [])
            while inflight:
                done, fut = inflight.popleft()
                yield done, (fut.get() if fut else [])

    def in_dask(chunks: Iterable[list[tuple[Article, Decision]]]):
        from .cluster import in_cluster

        def extract_here(todo):  # a chunk the cluster could not do
            from .workers import Pool

            if time_limit is None:
                return _extract_safely(todo, _load_pipeline())
            with Pool(1, time_limit=time_limit) as pool:
                return pool.submit(todo).get()

        yield from in_cluster(scheduler, ((c, [a for a, d in c if needs_extraction(d)]) for c in chunks),
                              extract_here, time_limit)

    def extraction_batches(chunks: Iterator[list[tuple[Article, Decision]]]):
        """(chunk, claims list) pairs in input order. With a time limit, articles are extracted in
        worker processes (only a process can be stopped mid-article), as many as there are chunks
        up to `workers`: loading the pipeline in each costs seconds. Without one, in this process."""
        if scheduler:
            yield from in_dask(chunks)
            return
        first = next(chunks, None)
        if first is None:
            return
        second = next(chunks, None)
        rest = itertools.chain([first], [second] if second else [], chunks)
        if time_limit is None:
            yield from in_process(rest)
        else:
            yield from in_pool(rest, workers if second is not None else 1)

    for chunk, results in extraction_batches(_chunks(triaged(), chunk_size)):
        results = iter(results)
        for article, d in chunk:
            finish(article, next(results) if needs_extraction(d) else None)
    return summary
