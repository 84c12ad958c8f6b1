"""Broken connectors the *incremental* check catches: since ignored, ``>`` for ``>=``, unordered, future cursors."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from connectors.contract import ContractCase, ContractRun, ContractViolation, run_check
from connectors.finance.streams import Payments
from connectors.framework import RawRow
from tests.contract.checks.finance import SoundPayments, finance_with


class FullPayments(SoundPayments):
    """Ignores the saved cursor: every sync reads everything."""

    def read(self, since: str | None = None, *, batch_size: int = 5000) -> Iterator[list[RawRow]]:
        return super().read(None, batch_size=batch_size)


class StrictPayments(SoundPayments):
    """Resumes after the saved cursor instead of at it, losing rows that share it."""

    def _select(self, since: str | None, marker: str = ":since") -> tuple[str, bool]:
        statement, bounded = super()._select(since, marker)
        return statement.replace(">=", ">"), bounded


class KeyOrderPayments(SoundPayments):
    """Orders rows by voucher, not by update time, so a saved cursor skips rows."""

    def _select(self, since: str | None, marker: str = ":since") -> tuple[str, bool]:
        statement, bounded = super()._select(since, marker)
        return statement.split(" ORDER BY ")[0] + " ORDER BY FFPZH", bounded


class ClockGuardPayments(SoundPayments):
    """Takes a cursor from the future for a clock error and starts over."""

    def read(self, since: str | None = None, *, batch_size: int = 5000) -> Iterator[list[RawRow]]:
        if since is not None and since > datetime.now().strftime("%Y-%m-%d %H:%M:%S"):
            since = None
        return super().read(since, batch_size=batch_size)


def run(stream: type[Payments], village: Path) -> ContractRun:
    return ContractRun(ContractCase(finance_with(stream), f"sqlite:///{village / 'finance.db'}"))


@pytest.mark.parametrize(
    ("stream", "message"),
    [
        (
            FullPayments,
            r"^incremental: connector finance stream BT_FFMX record 'FF\d+': read\(since='2024-[\d: -]+'\) yielded it "
            r"with the earlier cursor '2024-[\d: -]+'; expected only rows with a cursor at or after the saved cursor$",
        ),
        (
            StrictPayments,
            r"^incremental: connector finance stream BT_FFMX record 'FF\d+': read\(since='2024-[\d: -]+'\) missed it "
            r"\(cursor '2024-[\d: -]+'; 1 rows missed in all\); expected every row at or after the saved cursor",
        ),
        (
            KeyOrderPayments,
            r"^incremental: connector finance stream BT_FFMX record 'FF\d+': its cursor '2024-[\d: -]+' comes after "
            r"record 'FF\d+' with the later cursor '2024-[\d: -]+'; expected rows in cursor order, so a saved cursor "
            r"never skips a row$",
        ),
        (
            ClockGuardPayments,
            r"^incremental: connector finance stream BT_FFMX record 'FF\d+': read\(since='9999-[\d: -]+'\), a cursor "
            r"beyond the data, yielded \d+ rows \(first with cursor '2024-[\d: -]+'\); expected nothing from a cursor "
            r"beyond the data$",
        ),
    ],
    ids=["since-ignored", "strictly-after", "key-order", "beyond"],
)
def test_a_broken_incremental_read_is_caught(stream: type[Payments], message: str, village: Path) -> None:
    with pytest.raises(ContractViolation, match=message):
        run_check(run(stream, village), "incremental")
