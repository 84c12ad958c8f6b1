"""Ingest: unified records into the store, batch by batch, with provenance and quarantine."""

from graph.ingest.writer import Batch, BatchWriter, StreamStats

__all__ = ["Batch", "BatchWriter", "StreamStats"]
