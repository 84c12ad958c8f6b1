"""Ingest: unified records into the store, batch by batch, with provenance and quarantine."""

from graph.ingest.tables import TARGETS
from graph.ingest.writer import Batch, BatchWriter, StreamStats

#: the tables connectors' records land in
FACT_TABLE_NAMES: list[str] = [target.table.name for target in TARGETS.values()]

__all__ = ["FACT_TABLE_NAMES", "Batch", "BatchWriter", "StreamStats"]
