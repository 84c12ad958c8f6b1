"""Broken connectors the *idempotency* check catches: state or the clock leaking into what a read gives."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from connectors.contract import ContractCase, ContractRun, ContractViolation, run_check
from connectors.finance.streams import Payments
from connectors.framework import RawRow
from tests.contract.checks.finance import SoundPayments, finance_with


class ClockPayments(SoundPayments):
    """Stamps each row with the time of reading instead of the source's update time."""

    def updated_at(self, row: RawRow) -> datetime | None:
        return datetime.now()


class CountingPayments(SoundPayments):
    """Numbers rows with a counter that is never reset between reads."""

    counter = itertools.count(1)

    def read(self, since: str | None = None, *, batch_size: int = 5000) -> Iterator[list[RawRow]]:
        for batch in super().read(since, batch_size=batch_size):
            yield [RawRow(f"row-{next(self.counter)}", row.cursor, row.values) for row in batch]


def run(stream: type[Payments], village: Path) -> ContractRun:
    return ContractRun(ContractCase(finance_with(stream), f"sqlite:///{village / 'finance.db'}"))


def test_the_read_time_in_provenance_is_caught(village: Path) -> None:
    with pytest.raises(
        ContractViolation,
        match=r"^idempotency: connector finance stream BT_FFMX record 'FF\d+': a second full read with the same "
        r"connector maps row 1 differently: PaymentRecord provenance\.updated_at datetime\.datetime\(2\d{3}, .*\) "
        r"then datetime\.datetime\(2\d{3}, .*\); expected two full reads to give identical output$",
    ):
        run_check(run(ClockPayments, village), "idempotency")


def test_keys_from_a_running_counter_are_caught(village: Path) -> None:
    rows = len(run(SoundPayments, village).full_read()["BT_FFMX"].rows)
    with pytest.raises(
        ContractViolation,
        match=r"^idempotency: connector finance stream BT_FFMX record 'row-(\d+)': a second full read with the same "
        r"connector differs at row 1: key 'row-\d+' then 'row-\d+'; expected two full reads to give identical output$",
    ) as caught:
        run_check(run(CountingPayments, village), "idempotency")
    first, second = (int(part.split("'")[0]) for part in str(caught.value).split("key 'row-")[1].split("then 'row-"))
    assert second - first == rows
