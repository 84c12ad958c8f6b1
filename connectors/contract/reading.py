"""Reading a stream the way a sync does (batches, provenance, mapping), keeping everything for the checks."""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import closing
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from connectors.contract.violation import ContractViolation
from graph.records import Provenance, Record, Rejection

if TYPE_CHECKING:
    from connectors.framework import Connector, RawRow, Stream

Mapped = list[Record] | Rejection


@dataclass(frozen=True)
class StreamRead:
    """One read of one stream: its rows in the order read, what each mapped to, and the saved cursors.

    ``checkpoints`` are the cursors a sync saves, one after each batch (the batch's last row's cursor).
    """

    stream: Stream
    since: Any
    rows: tuple[RawRow, ...]
    mapped: tuple[Mapped, ...]
    checkpoints: tuple[Any, ...]

    @property
    def name(self) -> str:
        return self.stream.name


def read_stream(
    stream: Stream,
    *,
    check: str,
    connector: str,
    since: Any = None,
    batch_size: int = 500,
    limit: int | None = None,
) -> StreamRead:
    """Every row of ``stream`` from ``since`` (or its first ``limit`` batches), mapped as a sync maps it."""
    rows: list[RawRow] = []
    mapped: list[Mapped] = []
    checkpoints: list[Any] = []
    try:
        with closing(stream.read(since, batch_size=batch_size)) as batches:
            for batch in batches:
                if not batch:
                    continue
                mapped.extend(_map(stream, batch, check=check, connector=connector))
                rows.extend(batch)
                checkpoints.append(batch[-1].cursor)
                if limit is not None and len(checkpoints) >= limit:
                    break
    except ContractViolation:
        raise
    except Exception as error:  # reported as the violation it is, with the cause chained
        raise ContractViolation(
            check,
            f"read(since={since!r}, batch_size={batch_size}) raised {type(error).__name__}: {error}",
            expected="rows in batches, or a ConnectorError saying what is wrong with the source",
            connector=connector,
            stream=stream.name,
        ) from error
    return StreamRead(stream, since, tuple(rows), tuple(mapped), tuple(checkpoints))


def read_all(connector: Connector, *, check: str, since: Any = None, batch_size: int = 500) -> dict[str, StreamRead]:
    """Every stream of ``connector`` read in full (or from ``since``), by stream name."""
    return {
        stream.name: read_stream(stream, check=check, connector=connector.name, since=since, batch_size=batch_size)
        for stream in connector.streams()
    }


def _map(stream: Stream, batch: Sequence[RawRow], *, check: str, connector: str) -> list[Mapped]:
    provenances = []
    for row in batch:
        try:
            updated_at = stream.updated_at(row)
        except Exception as error:  # the sync would crash here: say which row
            raise ContractViolation(
                check,
                f"updated_at() raised {type(error).__name__} for cursor {row.cursor!r}: {error}",
                expected="the time the source last changed the row (or None)",
                connector=connector,
                stream=stream.name,
                record=row.key,
            ) from error
        provenances.append(Provenance(stream.source, stream.name, row.key, updated_at))
    try:
        results = stream.map_batch(batch, provenances)
    except Exception as error:  # a mapping crash stops a whole sync: name the batch
        raise ContractViolation(
            check,
            f"map_batch() raised {type(error).__name__} on the batch starting at this record: {error}",
            expected="records or a Rejection (quarantine with a reason) for every row, never an exception",
            connector=connector,
            stream=stream.name,
            record=batch[0].key,
        ) from error
    if len(results) != len(batch):
        raise ContractViolation(
            check,
            f"map_batch() returned {len(results)} results for {len(batch)} rows",
            expected="exactly one result per row, in order",
            connector=connector,
            stream=stream.name,
            record=batch[0].key,
        )
    return list(results)
