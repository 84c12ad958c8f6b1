"""Reading and mapping a large stream in a second process while this one writes.

A thread cannot do this: the writer's ``executemany`` hands the GIL back for every row's SQLite step and
must then win it back from a mapping thread busy in Python, which made a mapping thread slower than none
(county: 14.9 s with the thread, 13.8 s without). A worker process has its own GIL. It rebuilds the
connector from its class and settings and sends back prepared batches (driver values column by column,
pickled) through a bounded queue: memory stays flat and the one writing thread still commits batches in
cursor order. The worker stops when its parent dies, so a killed sync leaves nothing running.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import pickle
import queue
import traceback
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import closing
from dataclasses import dataclass
from typing import Any

from connectors.framework import Connector, ConnectorSettings
from graph.ingest import PreparedBatch, prepare
from hub.pipeline import map_raw

_POLL = 0.5  # seconds between checks that the other side is still alive

ROWS_AHEAD = 500_000
"""How many source rows the worker may map ahead of the writer, pickled (≈ 130 bytes a row, ≈ 65 MB).

Enough to keep mapping while the writer builds a loaded table's indexes in a wait (city: up to 6 s for
one index, 11 s of a worker blocked on a queue of 8 batches); held as bytes, not as the batches' objects.
"""


@dataclass(frozen=True)
class Job:
    """One stream to read from ``since``, mapped and prepared for a store of ``dialect``."""

    connector: type[Connector]
    settings: ConnectorSettings
    stream: str
    since: str | None
    batch_size: int
    run_id: int
    dialect: str

    @classmethod
    def of(cls, connector: Connector, stream: str, since: str | None, **options: Any) -> Job | None:
        """The job, or None when the connector cannot be rebuilt in another process (then map here)."""
        job = cls(type(connector), connector.settings, stream, since, **options)
        try:
            pickle.loads(pickle.dumps(job))
        except Exception:  # a connector class defined where a fresh process cannot import it
            return None
        return job

    def run(self) -> Iterator[PreparedBatch]:
        connector = self.connector(self.settings)
        try:
            stream = next(stream for stream in connector.streams() if stream.name == self.stream)
            with closing(stream.read_columns(self.since, batch_size=self.batch_size)) as batches:
                for raw in batches:
                    if len(raw):
                        yield prepare(map_raw(stream, raw), self.run_id, self.dialect)
        finally:
            connector.close()


@dataclass(frozen=True)
class _Done:
    """The job's last batch has been sent."""


@dataclass(frozen=True)
class _Failed:
    error: BaseException


class MapWorker:
    """One worker process serving the streams of one sync.

    Jobs are submitted up front and run one after the other, so the worker reads the next stream (and
    its source sorts it) while this process still writes the previous one; their batches come back in
    the order the jobs were submitted.
    """

    def __init__(self, *, depth: int = 8) -> None:
        """A worker whose batches wait for the writer in a queue of ``depth`` batches at most."""
        context = multiprocessing.get_context("fork" if _single_threaded() else "spawn")
        self._jobs: Any = context.Queue()
        self._results: Any = context.Queue(maxsize=depth)
        self._pending: deque[Job] = deque()
        self._process = context.Process(target=_serve, args=(self._jobs, self._results), daemon=True)
        self._process.start()

    def submit(self, job: Job) -> None:
        self._jobs.put(job)
        self._pending.append(job)

    def batches(self, job: Job, *, idle: Callable[[], bool] | None = None) -> Iterator[PreparedBatch]:
        """The job's prepared batches in order; the worker's error is raised here.

        While no batch is ready, ``idle`` is called for as long as it finds something to do. Abandoning
        the iterator early (the writer failed) stops the worker for good: a worker mid-stream cannot be
        told to skip the rest, and the sync is failing anyway.
        """
        if not self._pending or self._pending[0] is not job:
            raise RuntimeError("a map worker's jobs must be read in the order they were submitted")
        self._pending.popleft()
        finished = False
        try:
            while not isinstance(item := self._next(idle), _Done):
                if isinstance(item, _Failed):
                    finished = True  # the worker has moved on to the next job
                    raise item.error
                yield pickle.loads(item)
            finished = True
        finally:
            if not finished:
                self.close(wait=False)

    def close(self, *, wait: bool = True) -> None:
        """Let the worker finish (``wait``) or stop it now."""
        if wait and self._process.is_alive():
            self._jobs.put(None)
            self._process.join(timeout=5)
        if self._process.is_alive():
            self._process.terminate()
            self._process.join()
        self._jobs.close()
        self._results.close()

    def _next(self, idle: Callable[[], bool] | None) -> object:
        while idle is not None and self._results.empty() and idle():
            pass
        while True:
            try:
                return self._results.get(timeout=_POLL)
            except queue.Empty:
                if not self._process.is_alive():
                    raise RuntimeError(f"the map worker died (exit code {self._process.exitcode})") from None


def _single_threaded() -> bool:
    """Whether this process has one thread, so a fork copies no lock some other thread holds (Linux).

    A forked worker is ready in milliseconds; a spawned one first imports the hub (0.6 s and more). The
    fork copies this process's open database connections too, but the worker never touches them: it
    opens its own from the job.
    """
    try:
        return len(os.listdir("/proc/self/task")) == 1
    except OSError:
        return False


def _serve(jobs: Any, results: Any) -> None:
    """The worker's loop: run each job, send its batches, then a done or failed marker.

    Mapping allocates millions of short-lived tuples; with the default thresholds the cyclic garbage
    collector runs every 700 of them and costs about a tenth of the worker's time, for nothing (mapping
    makes no cycles). This process is ours, so it collects rarely.
    """
    gc.freeze()
    gc.set_threshold(50_000, 20, 100)
    parent = multiprocessing.parent_process()
    while (job := _receive(jobs, parent)) is not None:
        try:
            for prepared in job.run():
                # Pickled here, so a batch waits in the queue as bytes (the queue would keep the objects).
                _send(results, pickle.dumps(prepared, pickle.HIGHEST_PROTOCOL), parent)
            _send(results, _Done(), parent)
        except Exception as error:
            _send(results, _Failed(_portable(error)), parent)


def _receive(jobs: Any, parent: Any) -> Job | None:
    while True:
        try:
            return jobs.get(timeout=_POLL)
        except queue.Empty:
            if not parent.is_alive():
                os._exit(0)


def _send(results: Any, item: object, parent: Any) -> None:
    while True:
        try:
            results.put(item, timeout=_POLL)
            return
        except queue.Full:
            if not parent.is_alive():
                os._exit(0)


def _portable(error: BaseException) -> BaseException:
    """The error as the parent can receive it, with the worker's traceback attached as a note."""
    error.add_note("in the map worker:\n" + "".join(traceback.format_exception(error)).rstrip())
    try:
        pickle.loads(pickle.dumps(error))
    except Exception:
        return RuntimeError(f"{type(error).__name__}: {error}\n{''.join(getattr(error, '__notes__', []))}")
    return error
