"""Extraction on a Dask cluster: articles go to the workers of an existing scheduler, claims come
back, and the one writer (batch.ingest_items) records them in input order.

Extraction is a pure function of an article, so any worker may run any chunk, once or twice: a
worker that dies takes no article with it (the scheduler gives its chunks to another worker, and
a chunk the cluster gives up on is extracted here instead), and since results are taken in the
order the chunks were sent, the events appended are the ones a single process appends.

With a time limit, each Dask worker thread extracts in a child process of its own (workers.Pool),
so an article past the limit is stopped and reported there, and the Dask worker lives on.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator

from newsfacts.schema.article import Article
from newsfacts.schema.claims import Claims

_nlp = None
_nlp_lock = threading.Lock()
_pools = threading.local()


def extract_on_worker(articles: list[Article], time_limit: float | None = None) -> list[Claims | str]:
    """On a worker: claims of each article (or its error). The pipeline is loaded once per worker
    process (by the first chunk it runs), or with a time limit once per worker thread, in the
    child process that thread keeps."""
    global _nlp
    from .batch import _extract_safely

    if time_limit is not None:
        from .workers import Pool

        pool = getattr(_pools, "pool", None)
        if pool is None or pool.time_limit != time_limit:
            if pool is not None:
                pool.close()
            pool = _pools.pool = Pool(1, time_limit=time_limit)
        return pool.submit(articles).get()
    with _nlp_lock:
        if _nlp is None:
            from newsfacts.ingest.extract.pipeline import load

            _nlp = load()
    return _extract_safely(articles, _nlp)


def in_cluster(scheduler: str, chunks: Iterable[tuple[list, list[Article]]],
               extract_here: Callable[[list[Article]], list[Claims | str]],
               time_limit: float | None = None) -> Iterator[tuple[list, list]]:
    """(chunk, claims of its articles) for each (chunk, articles to extract), in input order.
    Keeps about two chunks per worker thread in flight, so the writer never waits for the cluster
    to start on the next one."""
    from distributed import Client

    with Client(scheduler, timeout="30s") as client:
        threads = sum(client.nthreads().values()) or 1
        inflight: deque = deque()

        def take():
            chunk, todo, future = inflight.popleft()
            if future is None:
                return chunk, []
            try:
                return chunk, future.result()
            except Exception:  # the cluster gave up on it (KilledWorker, lost connection): do it here
                return chunk, extract_here(todo)

        for chunk, todo in chunks:
            future = client.submit(extract_on_worker, todo, time_limit, pure=False) if todo else None
            inflight.append((chunk, todo, future))
            while len(inflight) > 2 * threads:
                yield take()
        while inflight:
            yield take()
