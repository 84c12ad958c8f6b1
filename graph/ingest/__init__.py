"""Ingest: unified records into the store, batch by batch, with provenance and quarantine."""

from collections.abc import Iterable

from graph.ingest.prepared import Batch, PreparedBatch, prepare
from graph.ingest.tables import TARGETS
from graph.ingest.writer import BatchWriter, StreamStats
from graph.records import Record

#: the tables connectors' records land in
FACT_TABLE_NAMES: list[str] = [target.table.name for target in TARGETS.values()]


def fact_tables(kinds: Iterable[type[Record]]) -> set[str]:
    """The fact tables records of these kinds land in."""
    return {TARGETS[kind].table.name for kind in kinds if kind in TARGETS}


__all__ = ["FACT_TABLE_NAMES", "Batch", "BatchWriter", "PreparedBatch", "StreamStats", "fact_tables", "prepare"]
