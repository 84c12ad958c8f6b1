"""A sync: every stream of every chosen connector, incrementally, then the resolver.

Each batch is mapped and committed with its cursor (see :mod:`graph.ingest.writer`), so a sync can be
killed at any moment and simply run again. Progress goes to a callback so the CLI can draw bars and
tests can stay quiet.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import func, select

from connectors.framework import Connector, Stream
from graph.caliber import load_caliber
from graph.ingest import FACT_TABLE_NAMES, BatchWriter, StreamStats
from graph.resolve import resolve
from graph.store import Store, schema
from graph.store.bulk import deferred_indexes
from hub.pipeline import FULL_REFRESH, mapped_batches

Progress = Callable[[str, str, int, int | None], None]
"""progress(source, stream, rows_done, rows_total_or_None)"""


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


def sync_stream(
    store: Store, writer: BatchWriter, stream: Stream, *, batch_size: int, progress: Progress | None
) -> StreamStats:
    """Read one stream from its saved cursor and ingest it batch by batch."""
    source = stream.source
    saved = store.cursor(source, stream.name)
    since = None if saved in (None, FULL_REFRESH) or stream.cursor_column is None else saved
    total = stream.count(since) if progress else None
    stats = StreamStats()
    for batch in mapped_batches(stream, since, batch_size=batch_size):
        stats.add(writer.write(batch, had_cursor=saved is not None))
        if progress:
            progress(source, stream.name, stats.read, total)
    return stats


def sync(
    store: Store, connectors: list[Connector], *, batch_size: int = 5000, progress: Progress | None = None
) -> list[SourceReport]:
    """Sync the given connectors into the store and resolve what changed."""
    caliber = load_caliber()
    run_id = store.start_run(connector.name for connector in connectors)
    writer = BatchWriter(store.engine, run_id)
    reports: list[SourceReport] = []
    status = "failed"
    try:
        for connector in connectors:
            connector.check()
        with deferred_indexes(store.engine, FACT_TABLE_NAMES):
            for connector in connectors:
                report = SourceReport(connector.name)
                for stream in connector.streams():
                    report.streams[stream.name] = sync_stream(
                        store, writer, stream, batch_size=batch_size, progress=progress
                    )
                reports.append(report)
        resolve(
            store.engine,
            followup_precedence=list(caliber.precedence("employment_status")),
            name_precedence=list(caliber.precedence("name")),
        )
        _count_conflicts(store, reports)
        status = "succeeded"
    finally:
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
