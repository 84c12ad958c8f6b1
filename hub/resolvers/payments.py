"""Subsidy payments: by voucher, by beneficiary, by paying organisation, and the ``payments`` list's filters.

Effective (RULES.md): a PAID voucher that no reversal cancels. Returned payments and reversals are
vouchers too, listed with their status, and never count as paid.
"""

from __future__ import annotations

from dataclasses import dataclass
from operator import attrgetter
from typing import TYPE_CHECKING, Any

from sqlalchemy import ColumnElement

from hub.resolvers.entities import PAYMENT, PAYMENTS, payment_region, starts_with
from hub.resolvers.loaders import Relation, by_argument, chunks, many_per_key, one_per_key

if TYPE_CHECKING:
    from sqlalchemy import Column

    from hub.resolvers.reader import Reader

ORDER = (PAYMENTS.c.covered_period, PAYMENTS.c.paid_on, PAYMENTS.c.voucher)


def _by_voucher(reader: Reader, vouchers: list[str]) -> list[Any]:
    rows = [
        row
        for chunk in chunks(vouchers)
        for row in reader.rows(reader.select(PAYMENT, reader.one_of(PAYMENTS.c.voucher, chunk)))
    ]
    return one_per_key(vouchers, rows, attrgetter("voucher"))


def _of(column: Column[str]) -> Relation:
    """Keys ``(party, period or None, subsidy types or None)``: that party's payments, oldest first."""

    def fetch(reader: Reader, keys: list[tuple[str, str | None, tuple[str, ...] | None]]) -> list[Any]:
        rows: list[Any] = []
        for (period, types), parties in by_argument(keys).items():
            conditions = PaymentFilter(period=period, subsidy_type=types).conditions()
            for chunk in chunks(parties):
                statement = reader.select(PAYMENT, reader.one_of(column, chunk), *conditions).order_by(*ORDER)
                rows.extend((period, types, row) for row in reader.rows(statement))
        grouped = many_per_key(keys, rows, lambda item: (getattr(item[2], column.name), item[0], item[1]))
        return [[row for *_, row in group] for group in grouped]

    return Relation(f"payments by {column.name}", fetch)


PAYMENT_BY_VOUCHER = Relation("Payment", _by_voucher)
PAYMENTS_TO_BENEFICIARY = _of(PAYMENTS.c.beneficiary_citizen_id)
PAYMENTS_TO_ORGANISATION = _of(PAYMENTS.c.payee_credit_code)


@dataclass(frozen=True, slots=True)
class PaymentFilter:
    region_code: str | None = None
    subsidy_type: tuple[str, ...] | None = None
    period: str | None = None
    status: tuple[str, ...] | None = None
    effective: bool | None = None
    reversed: bool | None = None
    beneficiary_citizen_id: str | None = None
    payee_credit_code: str | None = None

    def conditions(self) -> list[ColumnElement[bool]]:
        found: list[ColumnElement[bool]] = []
        if self.region_code is not None:
            found.append(starts_with(payment_region(), self.region_code))
        if self.subsidy_type is not None:
            found.append(PAYMENTS.c.subsidy_type.in_(self.subsidy_type))
        if self.period is not None:
            found.append(PAYMENTS.c.covered_period == self.period)
        if self.status is not None:
            found.append(PAYMENTS.c.status.in_(self.status))
        if self.effective is not None:
            found.append(PAYMENTS.c.effective == self.effective)
        if self.reversed is not None:
            found.append(PAYMENTS.c.reversed_by.is_not(None) if self.reversed else PAYMENTS.c.reversed_by.is_(None))
        if self.beneficiary_citizen_id is not None:
            found.append(PAYMENTS.c.beneficiary_citizen_id == self.beneficiary_citizen_id)
        if self.payee_credit_code is not None:
            found.append(PAYMENTS.c.payee_credit_code == self.payee_credit_code)
        return found
