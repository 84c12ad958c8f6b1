"""One contract run: the case, fresh connectors on demand, and the full read several checks share."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from connectors.contract.reading import StreamRead, read_all
from connectors.contract.secrets import masked
from connectors.contract.violation import ContractViolation

if TYPE_CHECKING:
    from connectors.contract.case import ContractCase
    from connectors.framework import Connector


class ContractRun:
    """Reads the fixture source once in full for the read, idempotency and incremental checks."""

    def __init__(self, case: ContractCase) -> None:
        self.case = case
        self._full: dict[str, StreamRead] | None = None

    @contextmanager
    def connector(self, check: str) -> Iterator[Connector]:
        """A fresh connector for the fixture source; failing to build one is a violation of ``check``."""
        try:
            connector = self.case.connector_type.from_location(self.case.location)
        except Exception as error:  # from_location itself failed on the good fixture source
            raise self.violation(
                check,
                f"from_location({masked(self.case.location)!r}) raised {type(error).__name__}: {error}",
                expected="a connector for the fixture source",
            ) from error
        try:
            yield connector
        finally:
            connector.close()

    def full_read(self) -> dict[str, StreamRead]:
        """Every stream of the fixture source, read once from the start and mapped (cached)."""
        if self._full is None:
            with self.connector("read") as connector:
                self._full = read_all(connector, check="read", batch_size=self.case.batch_size)
        return self._full

    def violation(
        self, check: str, problem: str, *, expected: str, stream: str | None = None, record: str | None = None
    ) -> ContractViolation:
        return ContractViolation(
            check, problem, expected=expected, connector=self.case.name, stream=stream, record=record
        )
