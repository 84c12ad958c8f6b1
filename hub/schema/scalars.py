"""Custom scalars: exact money, report months, and personal identifiers that mask themselves.

Parsing is where a bad value is refused, so every argument of these types is checked once, with a
message that names the bad value and the form expected (the validation rule adds the argument's name).
Serializing is where identifiers are masked for a client without ``pii:read``: every path to the
response (either executor, any field of these types) goes through it, so none can leak one.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any, NewType

import strawberry
from strawberry.scalars import JSON
from strawberry.types.scalar import ScalarDefinition

from graph.caliber import Invalid, citizen_id
from hub.auth.access import reveals_pii
from hub.auth.masking import mask_account, mask_citizen_id, mask_phone, scrub

Money = NewType("Money", Decimal)
Period = NewType("Period", str)
CitizenId = NewType("CitizenId", str)
Phone = NewType("Phone", str)
BankAccount = NewType("BankAccount", str)
SourceText = NewType("SourceText", str)

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


def serialize_citizen_id(value: str) -> str:
    return value if reveals_pii() else mask_citizen_id(value)


def serialize_phone(value: str) -> str:
    return value if reveals_pii() else mask_phone(value)


def serialize_account(value: str) -> str:
    return value if reveals_pii() else mask_account(value)


def serialize_source_text(value: str) -> str:
    return value if reveals_pii() else scrub(value)


def _scrubbed(value: Any) -> Any:
    if isinstance(value, str):
        return scrub(value)
    if isinstance(value, list):
        return [_scrubbed(item) for item in value]
    if isinstance(value, dict):
        return {key: _scrubbed(item) for key, item in value.items()}
    return value


def serialize_json(value: Any) -> Any:
    """Free-form JSON (a finding's subject and evidence): identifier-shaped text in it masked like SourceText."""
    return value if reveals_pii() else _scrubbed(value)


def _refuse_as_argument(name: str) -> object:
    def parse(value: object) -> str:
        raise ValueError(f"{name} is an output type; it is not accepted as an argument")

    return parse


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
            "are normalized; a wrong check digit is refused, never corrected. Masked (3607**********123X) unless "
            "the client holds pii:read; arguments of this type need pii:read."
        ),
        serialize=serialize_citizen_id,
        parse_value=parse_citizen_id,
    ),
    Phone: strawberry.scalar(
        name="Phone",
        description="A phone number as the source wrote it. Masked (e.g. 130****3388) unless the client holds "
        "pii:read.",
        serialize=serialize_phone,
        parse_value=_refuse_as_argument("Phone"),
    ),
    BankAccount: strawberry.scalar(
        name="BankAccount",
        description="A bank account number. Masked to its last four digits unless the client holds pii:read.",
        serialize=serialize_account,
        parse_value=_refuse_as_argument("BankAccount"),
    ),
    JSON: strawberry.scalar(
        name="JSON",
        description="A JSON value (a finding's subject or evidence). Identifier-shaped text in it is masked unless "
        "the client holds pii:read.",
        serialize=serialize_json,
        parse_value=lambda value: value,
        specified_by_url="https://ecma-international.org/wp-content/uploads/ECMA-404_2nd_edition_december_2017.pdf",
    ),
    SourceText: strawberry.scalar(
        name="SourceText",
        description="Text as a source wrote it (a row key, a refused value), which may contain identifiers: "
        "anything shaped like a citizen ID, phone or account number in it is masked unless the client holds "
        "pii:read.",
        serialize=serialize_source_text,
        parse_value=_refuse_as_argument("SourceText"),
    ),
}
