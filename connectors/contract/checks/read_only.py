"""*read-only*: a check and full and incremental reads leave the source byte-for-byte as it was."""

from __future__ import annotations

from contextlib import suppress
from typing import TYPE_CHECKING

from connectors.contract.fingerprint import changes, fingerprint
from connectors.contract.reading import read_all, read_stream
from connectors.contract.secrets import masked
from connectors.framework import ConnectorError

if TYPE_CHECKING:
    from connectors.contract.run import ContractRun

CHECK = "read_only"


def check_read_only(run: ContractRun) -> None:
    """Checksum the source, check and read it (in full and from the middle), checksum it again."""
    checksum = run.case.fingerprint or fingerprint
    before = checksum(run.case.location)
    with run.connector(CHECK) as connector:
        with suppress(ConnectorError):  # the check check reports it; what matters here is what it wrote
            connector.check()
        reads = read_all(connector, check=CHECK, batch_size=run.case.batch_size)
        for stream in connector.streams():
            cursors = [row.cursor for row in reads[stream.name].rows if row.cursor is not None]
            if cursors:
                middle = sorted(cursors)[len(cursors) // 2]
                read_stream(stream, check=CHECK, connector=connector.name, since=middle, batch_size=run.case.batch_size)
    after = checksum(run.case.location)
    changed = changes(before, after)
    if changed:
        raise run.violation(
            CHECK,
            f"reading changed the source {masked(run.case.location)!r}: {'; '.join(changed[:5])}",
            expected="the source byte-for-byte unchanged: connectors never write to a source",
        )
