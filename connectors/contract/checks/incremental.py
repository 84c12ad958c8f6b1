"""*incremental*: rows come in cursor order, and a read from a saved cursor resumes exactly there.

The saved cursors are those a sync saves after each batch of a run in small batches. From each, the
stream must yield exactly the full read's rows at or after it (nothing before it, nothing missed), and
from a cursor beyond the data, nothing at all.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from connectors.contract.reading import read_stream

if TYPE_CHECKING:
    from connectors.contract.reading import StreamRead
    from connectors.contract.run import ContractRun
    from connectors.framework import Connector, RawRow, Stream

CHECK = "incremental"
#: How many batches the run that provides the saved cursors is cut into.
CHECKPOINTS = 6


def check_incremental(run: ContractRun) -> None:
    """Cursor order, resumption from every saved cursor, and nothing from beyond the data."""
    full = run.full_read()
    with run.connector(CHECK) as connector:
        for stream in connector.streams():
            read = full[stream.name]
            if stream.cursor_column is None:
                continue
            _check_cursors(run, read)
            batch_size = max(1, math.ceil(len(read.rows) / CHECKPOINTS))
            small = read_stream(stream, check=CHECK, connector=connector.name, batch_size=batch_size)
            _same_rows(run, read.rows, small, f"a read in batches of {batch_size}")
            for saved in dict.fromkeys(small.checkpoints):
                resumed = read_stream(
                    stream, check=CHECK, connector=connector.name, since=saved, batch_size=run.case.batch_size
                )
                _nothing_before(run, resumed, saved)
                _same_rows(run, [row for row in read.rows if row.cursor >= saved], resumed, f"read(since={saved!r})")
            _nothing_beyond(run, connector, stream, read)


def beyond(cursors: list[Any]) -> Any:
    """A cursor later than all of ``cursors``, in their own form (None when the kit cannot tell)."""
    last = max(cursors)
    if isinstance(last, datetime):
        return last + timedelta(days=1)
    if isinstance(last, date):
        return last + timedelta(days=1)
    if isinstance(last, int | float):
        return last + 1
    if isinstance(last, str) and last[:4].isdigit():
        return "9999" + last[4:]  # a year-first timestamp, same shape, far later
    return None


def _check_cursors(run: ContractRun, read: StreamRead) -> None:
    for row in read.rows:
        if row.cursor is None:
            raise run.violation(
                CHECK,
                "the row has no cursor",
                expected=f"its {read.stream.cursor_column} value: an incremental stream's rows all carry one",
                stream=read.name,
                record=row.key,
            )
    for previous, row in zip(read.rows, read.rows[1:], strict=False):
        if row.cursor < previous.cursor:
            raise run.violation(
                CHECK,
                f"its cursor {row.cursor!r} comes after record {previous.key!r} with the later cursor "
                f"{previous.cursor!r}",
                expected="rows in cursor order, so a saved cursor never skips a row",
                stream=read.name,
                record=row.key,
            )


def _nothing_before(run: ContractRun, read: StreamRead, saved: Any) -> None:
    for row in read.rows:
        if row.cursor < saved:
            raise run.violation(
                CHECK,
                f"read(since={saved!r}) yielded it with the earlier cursor {row.cursor!r}",
                expected="only rows with a cursor at or after the saved cursor",
                stream=read.name,
                record=row.key,
            )


def _same_rows(run: ContractRun, wanted: Sequence[RawRow], got: StreamRead, what: str) -> None:
    wanted_keys = [(row.key, row.cursor) for row in wanted]
    got_keys = [(row.key, row.cursor) for row in got.rows]
    if wanted_keys == got_keys:
        return
    found = set(got_keys)
    missing = [key for key in wanted_keys if key not in found]
    if missing:
        key, cursor = missing[0]
        raise run.violation(
            CHECK,
            f"{what} missed it (cursor {cursor!r}; {len(missing)} rows missed in all)",
            expected="every row at or after the saved cursor, as a full read gives them",
            stream=got.name,
            record=key,
        )
    expected = set(wanted_keys)
    extra = [key for key in got_keys if key not in expected]
    key, cursor = extra[0] if extra else got_keys[0]
    raise run.violation(
        CHECK,
        f"{what} gave rows the full read does not, or in another order (first: cursor {cursor!r})",
        expected="exactly the full read's rows at or after the saved cursor, in the same order",
        stream=got.name,
        record=key,
    )


def _nothing_beyond(run: ContractRun, connector: Connector, stream: Stream, read: StreamRead) -> None:
    later = run.case.beyond_cursor
    if later is None:
        later = beyond([row.cursor for row in read.rows])
    if later is None:
        raise run.violation(
            CHECK,
            f"the kit cannot make a cursor later than {max(row.cursor for row in read.rows)!r}",
            expected="ContractCase.beyond_cursor set to a cursor beyond the fixture data",
            stream=read.name,
        )
    after = read_stream(stream, check=CHECK, connector=connector.name, since=later, batch_size=run.case.batch_size)
    if after.rows:
        raise run.violation(
            CHECK,
            f"read(since={later!r}), a cursor beyond the data, yielded {len(after.rows)} rows "
            f"(first with cursor {after.rows[0].cursor!r})",
            expected="nothing from a cursor beyond the data",
            stream=read.name,
            record=after.rows[0].key,
        )
