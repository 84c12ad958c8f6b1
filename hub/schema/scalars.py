"""Custom scalars: exact money, report months and citizen IDs normalized by the caliber on the way in.

Parsing is where a bad value is refused, so every argument of these types is checked once, with a
message that names the bad value and the form expected (the validation rule adds the argument's name).
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import NewType

import strawberry
from strawberry.types.scalar import ScalarDefinition

from graph.caliber import Invalid, citizen_id

Money = NewType("Money", Decimal)
Period = NewType("Period", str)
CitizenId = NewType("CitizenId", str)

_PERIOD = re.compile(r"\d{4}-(0[1-9]|1[0-2])")


def serialize_money(value: Decimal) -> str:
    return f"{value:.2f}"


def _parse_money(value: object) -> Decimal:
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        amount = Decimal("NaN")
    if not amount.is_finite():
        raise ValueError(f'{value!r} is not an amount; expected yuan as a decimal string such as "1234.50"')
    return amount.quantize(Decimal("0.01"))


def parse_period(value: object) -> str:
    """A month written exactly ``YYYY-MM`` (no other spelling: an API argument is not a dirty source)."""
    if not isinstance(value, str) or _PERIOD.fullmatch(value) is None or value < "1900-01":
        raise ValueError(f'{value!r} is not a period; expected a month written YYYY-MM, such as "2024-05"')
    return value


def parse_citizen_id(value: object) -> str:
    """Any spelling the caliber accepts (15-digit, lower-case x, spaces, full-width) → the 18-character ID."""
    if not isinstance(value, str):
        raise ValueError(f"{value!r} is not a citizen ID; expected a string of 18 characters (or a 15-digit ID)")
    try:
        return citizen_id(value)
    except Invalid as error:
        raise ValueError(error.reason) from None


SCALARS: dict[object, ScalarDefinition] = {
    Money: strawberry.scalar(
        name="Money",
        description='Yuan (元), exact, as a string with two decimals: "1234.50". Never a binary float.',
        serialize=serialize_money,
        parse_value=_parse_money,
    ),
    Period: strawberry.scalar(
        name="Period",
        description="A calendar month, YYYY-MM (月份): the report month of employment, follow-ups and subsidies.",
        serialize=str,
        parse_value=parse_period,
    ),
    CitizenId: strawberry.scalar(
        name="CitizenId",
        description=(
            "公民身份号码: 18 characters with the GB 11643 check digit, upper-case X. Arguments accept any "
            "spelling the caliber accepts (a 15-digit legacy ID, lower-case x, spaces, full-width digits) and "
            "are normalized; a wrong check digit is refused, never corrected."
        ),
        serialize=str,
        parse_value=parse_citizen_id,
    ),
}
