"""Broken connectors the *read* check catches: a schema that lies, dropped rows, values outside the caliber."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import ClassVar

import pytest

from connectors.contract import ContractCase, ContractRun, ContractViolation, run_check
from connectors.finance.streams import Payments
from connectors.framework import Field, RawRow
from graph.records import Provenance, Record, Rejection
from tests.contract.checks.finance import SoundPayments, finance_with


class StringAmountPayments(SoundPayments):
    """Declares the fen amount as text; the source holds integers."""

    columns = tuple(
        replace(column, type="string") if column.name == "JEF" else column for column in SoundPayments.columns
    )


class DroppingPayments(SoundPayments):
    """Drops returned payments (ZT '2') without a word: neither records nor quarantine."""

    def map_batch(self, rows: Sequence[RawRow], provenances: Sequence[Provenance]) -> list[list[Record] | Rejection]:
        mapped = super().map_batch(rows, provenances)
        return [[] if row.values["ZT"] == "2" else result for row, result in zip(rows, mapped, strict=True)]


class IntegerAmountPayments(SoundPayments):
    """Hands the fen amount on as an int: neither yuan nor a Decimal."""

    fields: ClassVar[dict[str, Field]] = {**SoundPayments.fields, "amount": Field("JEF", int, required=True)}


class EmptyPayments(SoundPayments):
    """A filter gone wrong: reads nothing at all."""

    def read(self, since: str | None = None, *, batch_size: int = 5000) -> Iterator[list[RawRow]]:
        yield from ()


def run(stream: type[Payments], village: Path) -> ContractRun:
    return ContractRun(ContractCase(finance_with(stream), f"sqlite:///{village / 'finance.db'}"))


@pytest.mark.parametrize(
    ("stream", "message"),
    [
        (
            StringAmountPayments,
            r"^read: connector finance stream BT_FFMX record 'FF\d+': column JEF breaks the declared schema \(\d+ is "
            r"not of type 'string'\) yet the row mapped to records; expected rows of the declared schema, or the row "
            r"in quarantine with a reason$",
        ),
        (
            DroppingPayments,
            r"^read: connector finance stream BT_FFMX record 'FF\d+': the row mapped to \[\]; expected a list starting "
            r"with a PaymentRecord, or a Rejection: never silently dropped$",
        ),
        (
            IntegerAmountPayments,
            r"^read: connector finance stream BT_FFMX record 'FF\d+': PaymentRecord\.amount is \d+ \(int\); "
            r"expected Decimal$",
        ),
        (
            EmptyPayments,
            r"^read: connector finance stream BT_FFMX: the fixture source gave no rows; expected rows in every "
            r"declared stream",
        ),
    ],
    ids=["schema", "dropped", "caliber", "empty"],
)
def test_a_broken_read_is_caught(stream: type[Payments], message: str, village: Path) -> None:
    with pytest.raises(ContractViolation, match=message):
        run_check(run(stream, village), "read")


def test_the_dropped_row_named_is_a_returned_payment(village: Path) -> None:
    with pytest.raises(ContractViolation) as caught:
        run_check(run(DroppingPayments, village), "read")
    returned = {row.key for row in run(SoundPayments, village).full_read()["BT_FFMX"].rows if row.values["ZT"] == "2"}
    assert caught.value.record in returned
