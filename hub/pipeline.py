"""Reading and mapping a stream in a background thread while the caller writes the previous batch.

SQLite steps (the B-tree work of an insert and of a source scan) run without the GIL, so a mapper thread
and a writer thread overlap for real on two cores. The queue is small and bounded: memory stays flat and
batches are still committed strictly in cursor order by the one writing thread.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterator
from contextlib import closing

from connectors.framework import Stream
from graph.ingest import Batch
from graph.records import Provenance, Rejection

FULL_REFRESH = "*"
_DONE = object()


def mapped_batches(stream: Stream, since: str | None, *, batch_size: int, depth: int = 3) -> Iterator[Batch]:
    """The stream's batches, read and mapped ahead in a worker thread; its errors are raised here."""
    handoff: queue.Queue[object] = queue.Queue(maxsize=depth)
    stop = threading.Event()

    def produce() -> None:
        try:
            with closing(stream.read(since, batch_size=batch_size)) as batches:
                for raw_rows in batches:
                    if stop.is_set():
                        return
                    handoff.put(_map(stream, raw_rows))
            handoff.put(_DONE)
        except BaseException as error:  # handed to the consuming thread, which re-raises it
            handoff.put(error)

    worker = threading.Thread(target=produce, name=f"map-{stream.source}-{stream.name}", daemon=True)
    worker.start()
    try:
        while (item := handoff.get()) is not _DONE:
            if isinstance(item, BaseException):
                raise item
            yield item  # type: ignore[misc]
    finally:
        stop.set()
        while worker.is_alive():  # unblock a producer waiting on a full queue, then let it finish
            try:
                handoff.get_nowait()
            except queue.Empty:
                worker.join(timeout=0.05)


def _map(stream: Stream, raw_rows: list) -> Batch:
    batch = Batch(source=stream.source, stream=stream.name, versioned=stream.cursor_column is not None)
    provenances = [Provenance(stream.source, stream.name, raw.key, stream.updated_at(raw)) for raw in raw_rows]
    for mapped in stream.map_batch(raw_rows, provenances):
        if isinstance(mapped, Rejection):
            batch.rejections.append(mapped)
        else:
            batch.rows.append(mapped)
    batch.cursor = raw_rows[-1].cursor if stream.cursor_column else FULL_REFRESH
    return batch
