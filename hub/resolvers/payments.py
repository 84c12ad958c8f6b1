"""Subsidy payments: by voucher, by beneficiary, by paying organisation, and the ``payments`` list's filters.

Effective (RULES.md): a PAID voucher that no reversal cancels. Returned payments and reversals are
vouchers too, listed with their status, and never count as paid.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import ColumnElement

from hub.resolvers.entities import PAYMENT, PAYMENTS, payment_region, starts_with
from hub.resolvers.loaders import Relation, by_argument, chunks, one_by, reading, with_keys
from hub.resolvers.reader import prepared

if TYPE_CHECKING:
    from sqlalchemy import Select

    from hub.resolvers.reader import Columns, Reader

ORDER = (PAYMENTS.c.covered_period, PAYMENTS.c.paid_on, PAYMENTS.c.voucher)


@prepared
def _payments_of(
    reader: Reader, party: str, period: str | None, types: tuple[str, ...] | None, columns: Columns
) -> Select[Any]:
    """Payments whose ``party`` column is one of the keys, of ``period`` and ``types`` (None: any), oldest first."""
    conditions = PaymentFilter(period=period, subsidy_type=types).conditions()
    condition = reader.keys_in(PAYMENTS.c[party])
    return reader.select(PAYMENT, condition, *conditions, columns=with_keys(columns, party)).order_by(*ORDER)


def _of(party: str) -> Relation:
    """Keys ``(party, period or None, subsidy types or None)``: that party's payments, oldest first."""

    def fetch(
        reader: Reader, keys: list[tuple[str, str | None, tuple[str, ...] | None]], columns: Columns = None
    ) -> list[Any]:
        found: dict[tuple[str, str | None, tuple[str, ...] | None], list[Any]] = defaultdict(list)
        for (period, types), parties in by_argument(keys).items():
            statement = _payments_of(reader, party, period, types, columns)
            rows = [row for chunk in chunks(parties) for row in reader.rows(statement, chunk)]
            party_of = reading(rows, party)
            for row in rows:
                found[(party_of(row), period, types)].append(row)
        return [found.get(key, []) for key in keys]

    return Relation(f"payments by {party}", fetch)


PAYMENT_BY_VOUCHER = one_by(PAYMENT, "voucher", "Payment")
PAYMENTS_TO_BENEFICIARY = _of("beneficiary_citizen_id")
PAYMENTS_TO_ORGANISATION = _of("payee_credit_code")


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
