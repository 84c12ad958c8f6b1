"""A sync: every stream of every chosen connector, incrementally, then the resolver.

Each batch is mapped and written with its cursor, and committed with the batches before it every
``COMMIT_ROWS`` source rows and at each stream's end (see :mod:`graph.ingest.writer`), so a sync can be
killed at any moment and simply run again. A sync with a large stream maps in a worker process while this
one writes (:mod:`hub.mapworker`); secondary indexes of loaded tables are built while the writer would
wait for it. Progress goes to a callback so the CLI can draw bars and tests can stay quiet.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace

from sqlalchemy import func, select

from connectors.framework import Connector, Stream
from graph.caliber import load_caliber
from graph.ingest import FACT_TABLE_NAMES, BatchWriter, PreparedBatch, StreamStats, fact_tables
from graph.resolve import resolve
from graph.store import Store, schema
from graph.store.bulk import IndexBacklog, deferred_indexes
from hub.mapworker import ROWS_AHEAD, Job, MapWorker
from hub.pipeline import FULL_REFRESH, mapped_batches

Progress = Callable[[str, str, int, int | None], None]
"""progress(source, stream, rows_done, rows_total_or_None)"""

WORKER_MIN_ROWS = 50_000
"""A sync starts a map worker process when one of its streams has at least this many rows to read."""

COMMIT_ROWS = 100_000
"""A sync commits its batches every this many source rows, at the end of each stream and before it builds an
index while waiting for the map worker (see :class:`BatchWriter`)."""


@dataclass
class SourceReport:
    """The closing summary of one source."""

    source: str
    streams: dict[str, StreamStats] = field(default_factory=dict)
    conflicts: int = 0

    @property
    def total(self) -> StreamStats:
        total = StreamStats()
        for stats in self.streams.values():
            total.add(stats)
        return total


@dataclass(frozen=True)
class StreamPlan:
    """One stream of a sync: where it resumes and how many rows it will read (None: not cheap to know).

    ``job`` is set when the stream is mapped in the worker process.
    """

    connector: Connector
    stream: Stream
    saved: str | None
    since: str | None
    total: int | None
    job: Job | None = None

    @classmethod
    def of(cls, store: Store, connector: Connector, stream: Stream) -> StreamPlan:
        saved = store.cursor(stream.source, stream.name)
        since = None if saved in (None, FULL_REFRESH) or stream.cursor_column is None else saved
        return cls(connector, stream, saved, since, stream.count(since))


def sync_stream(
    writer: BatchWriter,
    plan: StreamPlan,
    *,
    batch_size: int,
    progress: Progress | None,
    worker: MapWorker | None = None,
    idle: Callable[[], bool] | None = None,
) -> StreamStats:
    """Read one stream from its saved cursor and ingest it batch by batch.

    ``idle`` is given work to do (it says whether it did some) while the worker has no batch ready.
    """
    stream = plan.stream
    if worker is not None and plan.job is not None:
        batches: Iterator[PreparedBatch] = worker.batches(plan.job, idle=idle)
    else:
        batches = mapped_batches(stream, plan.since, batch_size=batch_size, prepare=writer.prepare)
    stats = StreamStats()
    try:
        for batch in batches:
            stats.add(writer.write(batch, had_cursor=plan.saved is not None))
            if progress:
                progress(stream.source, stream.name, stats.read, plan.total)
    except BaseException:
        # The source or the worker failed between batches (a failing write rolls itself back): the batches
        # written in full are kept, as when each committed alone, before the deferred indexes are rebuilt.
        try:
            writer.commit()
        finally:
            writer.abandon()
        raise
    writer.commit()
    return stats


def _start_worker(
    plans: list[StreamPlan], writer: BatchWriter, batch_size: int
) -> tuple[MapWorker | None, list[StreamPlan]]:
    """A worker process with a job for every stream of more than one batch, if any stream is large."""
    if not any((plan.total or 0) >= WORKER_MIN_ROWS for plan in plans):
        return None, plans
    worker = MapWorker(depth=max(8, ROWS_AHEAD // batch_size))
    handed = []
    for plan in plans:
        job = None
        if plan.total is None or plan.total > batch_size:
            job = Job.of(
                plan.connector,
                plan.stream.name,
                plan.since,
                batch_size=batch_size,
                run_id=writer.run_id,
                dialect=writer.dialect,
            )
        if job is not None:
            worker.submit(job)
        handed.append(replace(plan, job=job))
    return worker, handed


@contextmanager
def _fewer_collections() -> Iterator[None]:
    """Run the cyclic garbage collector rarely while loading, as it was before afterwards.

    Every batch allocates hundreds of thousands of short-lived tuples; at the default threshold the
    collector runs every 700 of them and scans everything that survived, about 5 % of a sync's time,
    for nothing: loading makes no reference cycles.
    """
    thresholds = gc.get_threshold()
    gc.set_threshold(50_000, *thresholds[1:])
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)


def _tables(plans: list[StreamPlan]) -> set[str]:
    """The fact tables these streams write to."""
    return fact_tables(kind for plan in plans for kind in plan.stream.produces)


def _bulk_loads(plans: list[StreamPlan]) -> set[str]:
    """The fact tables whose first writer in this sync is a stream read for the first time (no saved cursor).

    That stream loads such a table in bulk if it is empty: plain inserts, the unique provenance index built
    afterwards (see :mod:`graph.store.bulk`); streams that write it later upsert.
    """
    first: dict[str, StreamPlan] = {}
    for plan in plans:
        for table in _tables([plan]):
            first.setdefault(table, plan)
    return {table for table, plan in first.items() if plan.saved is None}


def _after_stream(
    writer: BatchWriter, backlog: IndexBacklog, deferred: list[str], plan: StreamPlan, remaining: list[StreamPlan]
) -> list[str]:
    """Hand on what a finished stream leaves; returns the deferred tables still being loaded.

    Its bulk loads are over: a table a remaining stream writes needs its unique index back first (those
    streams upsert); a deferred table no remaining stream writes can have all its indexes.
    """
    later = _tables(remaining)
    ended = writer.bulk_tables & _tables([plan])
    writer.bulk_tables -= ended
    backlog.keyed(name for name in ended if name in later)
    backlog.loaded(name for name in deferred if name not in later)
    return [name for name in deferred if name in later]


def sync(
    store: Store,
    connectors: list[Connector],
    *,
    batch_size: int = 5000,
    progress: Progress | None = None,
    map_in_process: bool = True,
) -> list[SourceReport]:
    """Sync the given connectors into the store and resolve what changed.

    With ``map_in_process`` a sync that has a large stream to read maps in a worker process beside the
    writing one (see :mod:`hub.mapworker`); small syncs map in this process, where a worker's start-up
    would cost more than it saves.
    """
    caliber = load_caliber()
    run_id = store.start_run(connector.name for connector in connectors)
    writer = BatchWriter(store.engine, run_id, commit_rows=COMMIT_ROWS)
    reports: list[SourceReport] = []
    status = "failed"
    worker: MapWorker | None = None
    try:
        for connector in connectors:
            connector.check()
        plans = [StreamPlan.of(store, connector, stream) for connector in connectors for stream in connector.streams()]
        if map_in_process:
            worker, plans = _start_worker(plans, writer, batch_size)
        backlog = IndexBacklog(store.engine)

        def idle() -> bool:
            """Build a waiting index, after committing what the writer holds (the build writes too)."""
            if not backlog.ready:
                return False
            writer.commit()
            return backlog.build_one()

        with (
            _fewer_collections(),
            deferred_indexes(store.engine, FACT_TABLE_NAMES, _bulk_loads(plans)) as deferral,
        ):
            writer.bulk_tables = deferral.bulk
            deferred = deferral.tables
            for connector in connectors:
                report = SourceReport(connector.name)
                for index, plan in enumerate(plans):
                    if plan.connector is not connector:
                        continue
                    backlog.require_keys(_tables([plan]) - writer.bulk_tables)
                    report.streams[plan.stream.name] = sync_stream(
                        writer, plan, batch_size=batch_size, progress=progress, worker=worker, idle=idle
                    )
                    deferred = _after_stream(writer, backlog, deferred, plan, plans[index + 1 :])
                reports.append(report)
        if worker is not None:
            worker.close()
            worker = None
        resolve(
            store.engine,
            followup_precedence=list(caliber.precedence("employment_status")),
            name_precedence=list(caliber.precedence("name")),
        )
        _count_conflicts(store, reports)
        store.analyze()
        status = "succeeded"
    finally:
        writer.abandon()
        if worker is not None:
            worker.close(wait=False)
        store.finish_run(run_id, status, {r.source: r.total.__dict__ for r in reports})
    return reports


def _count_conflicts(store: Store, reports: list[SourceReport]) -> None:
    """How many recorded conflicts each source takes part in."""
    conflicts = schema.Conflict.__table__
    with store.engine.connect() as connection:
        for report in reports:
            report.conflicts = connection.execute(
                select(func.count())
                .select_from(conflicts)
                .where(conflicts.c.assertions.contains(f'"source": "{report.source}"'))
            ).scalar_one()
