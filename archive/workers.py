"""Extraction worker processes with a time limit per article.

"A per-article time limit for extraction (a worker that exceeds it is stopped and the article
reported, the batch goes on)": spaCy's tokenizer and parser run in C and cannot be interrupted
from Python, so the only way to stop one article is to stop its process. Each worker says when
it starts an article; the parent, which waits on all of them, kills a worker whose article has
run past the limit (or finds one dead: killed for memory, crashed), reports that article, starts
a new worker and hands it the rest of the chunk. Loading the pipeline is not counted.

`Pool.submit(articles)` returns a handle whose `get()` gives one result per article, in order:
Claims, or the message of why there are none. The parent drives every worker from whichever
`get()` it is in, so results come back in submission order, as with multiprocessing.Pool.
"""

from __future__ import annotations

import ctypes
import importlib
import os
import resource
import signal
import socket
import subprocess
import sys
import time
from collections import deque
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait

TIME_LIMIT = 300.0
"""Seconds one article may take to extract. A long news article takes seconds; the limit only
ever stops an input that would otherwise hold the whole batch (the evaluation's slowest article
takes under 20 s on one core)."""


def _serve(conn) -> None:
    """In a worker: load the pipeline, then extract articles one at a time, saying when each starts."""
    from .batch import _extract_safely
    from newsfacts.ingest.extract.pipeline import load

    nlp = load()
    conn.send(("ready", None, None))
    while True:
        job = conn.recv()
        if job is None:
            return
        job_id, first, articles = job
        for i, article in enumerate(articles, first):
            conn.send(("start", job_id, i))
            [result] = _extract_safely([article], nlp)
            peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
            conn.send(("done", job_id, (i, result, peak_mb)))


_BOOT = "import sys; from newsfacts.archive.workers import child_main; child_main(*sys.argv[1:])"
PR_SET_PDEATHSIG = 1


def child_main(module: str, name: str, fd: str) -> None:
    """A worker process's entry point: die with the process that started it (a `kill -9` of an
    ingest leaves no extraction running), then serve over the inherited socket."""
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    target = getattr(importlib.import_module(module), name)
    target(Connection(int(fd)))


def start_worker(target) -> tuple[subprocess.Popen, Connection]:
    """A plain child process running `target(conn)`, and the parent's end of its connection.

    Not multiprocessing: its processes cannot be started from a daemonic process, and the worker
    processes of a Dask cluster are daemonic (their nanny's children), yet they too must be able to
    stop an article that runs past the limit."""
    ours, theirs = socket.socketpair()
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in sys.path if p))
    try:
        process = subprocess.Popen([sys.executable, "-c", _BOOT, target.__module__, target.__qualname__,
                                    str(theirs.fileno())], pass_fds=[theirs.fileno()], env=env,
                                   stdin=subprocess.DEVNULL)
    finally:
        theirs.close()
    return process, Connection(ours.detach())


@dataclass
class _Job:
    id: int
    articles: list
    results: dict = field(default_factory=dict)

    @property
    def finished(self) -> bool:
        return len(self.results) == len(self.articles)


@dataclass
class _Worker:
    process: subprocess.Popen
    conn: Connection
    ready: bool = False
    job: _Job | None = None
    current: int | None = None  # index of the article being extracted
    started: float = 0.0


class Handle:
    def __init__(self, pool: "Pool", job: _Job):
        self._pool, self._job = pool, job

    def get(self) -> list:
        """The results of the job, in article order (runs the pool until it is done)."""
        while not self._job.finished:
            self._pool._step()
        return [self._job.results[i] for i in range(len(self._job.articles))]


class Pool:
    """`workers` extraction processes (fresh interpreters: the parent holds a database connection)."""

    def __init__(self, workers: int, time_limit: float | None = TIME_LIMIT):
        self.time_limit = time_limit
        self.peak_mb = 0
        self.stopped = 0  # articles stopped at the time limit or lost with their worker
        self._pending: deque[tuple[_Job, int]] = deque()  # (job, first article not yet handed out)
        self._next_id = 0
        self._workers = [self._start() for _ in range(max(1, workers))]

    def __enter__(self) -> "Pool":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def submit(self, articles: list) -> Handle:
        job = _Job(self._next_id, list(articles))
        self._next_id += 1
        if job.articles:
            self._pending.append((job, 0))
        self._dispatch()
        return Handle(self, job)

    def close(self) -> None:
        for w in self._workers:
            try:
                w.conn.send(None)
            except OSError:
                pass
        for w in self._workers:
            try:
                w.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                w.process.kill()
                w.process.wait()
            w.conn.close()
        self._workers = []

    def _start(self) -> _Worker:
        process, conn = start_worker(_serve)
        return _Worker(process=process, conn=conn)

    def _dispatch(self) -> None:
        for w in self._workers:
            if w.ready and w.job is None and self._pending:
                job, first = self._pending.popleft()
                w.job, w.current, w.started = job, None, time.monotonic()
                w.conn.send((job.id, first, job.articles[first:]))

    def _step(self) -> None:
        """Wait for one message (or a deadline) and act on it."""
        now = time.monotonic()
        timeout = None
        if self.time_limit is not None:
            running = [w.started + self.time_limit - now for w in self._workers if w.current is not None]
            timeout = max(0.0, min(running)) if running else None
        conns = {w.conn: w for w in self._workers}
        for conn in wait(list(conns), timeout if timeout is not None else 5.0):
            w = conns[conn]
            try:
                kind, job_id, value = conn.recv()
            except (EOFError, OSError):
                self._replace(w, "its worker process died")
                continue
            self._receive(w, kind, value)
        if self.time_limit is not None:
            for w in list(self._workers):
                if w.current is not None and time.monotonic() - w.started > self.time_limit:
                    self._replace(w, f"stopped after {self.time_limit:g} s (the time limit per article)")
        for w in list(self._workers):
            if w.process.poll() is not None and not w.conn.poll():
                self._replace(w, f"its worker process died (exit code {w.process.returncode})")
        self._dispatch()

    def _receive(self, w: _Worker, kind: str, value) -> None:
        if kind == "ready":
            w.ready = True
        elif kind == "start":
            w.current, w.started = value, time.monotonic()
        elif kind == "done":
            i, result, peak_mb = value
            self.peak_mb = max(self.peak_mb, peak_mb)
            w.job.results[i] = result
            w.current = None
            if w.job.finished or i == len(w.job.articles) - 1:
                w.job = None

    def _replace(self, w: _Worker, why: str) -> None:
        """Stop worker `w`, report the article it held, start another, requeue the rest of its chunk."""
        job, current = w.job, w.current
        if not w.ready:
            raise RuntimeError(f"an extraction worker could not start ({why})")
        w.process.kill()
        w.process.wait()
        w.conn.close()
        self._workers[self._workers.index(w)] = self._start()
        if job is None:
            return
        if current is None:  # died between articles: the next one not yet done is the culprit
            current = min(i for i in range(len(job.articles)) if i not in job.results)
        job.results[current] = f"extraction failed: {why}"
        self.stopped += 1
        rest = current + 1
        if rest < len(job.articles):
            self._pending.appendleft((job, rest))
