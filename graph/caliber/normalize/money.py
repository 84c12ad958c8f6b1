"""Money as exact yuan with two decimals: never binary floating point, never below zero."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from graph.caliber.errors import Invalid
from graph.caliber.normalize.text import blank, half_width, missing

ELEMENT = "amount"
CENT = Decimal("0.01")
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)", re.ASCII)
_INTEGER = re.compile(r"[+-]?\d+", re.ASCII)


def yuan(raw: int | str | Decimal | float | None) -> Decimal:
    """Yuan quantized to 0.01 (half up); a float is read by its shortest decimal spelling, ``repr``."""
    if blank(raw):
        raise missing(ELEMENT, raw)
    if isinstance(raw, int) and not isinstance(raw, bool):
        amount = Decimal(raw)
    elif isinstance(raw, Decimal):
        amount = raw
    elif isinstance(raw, float):
        amount = Decimal(repr(raw))
    elif isinstance(raw, str) and _NUMBER.fullmatch(text := half_width(raw).strip()):
        amount = Decimal(text)
    else:
        raise _not_a_number(raw, "a decimal number of yuan such as 3500 or 1234.50")
    if not amount.is_finite():
        raise _not_a_number(raw, "a finite decimal number of yuan")
    if amount < 0:
        raise _negative(raw)
    try:
        return amount.quantize(CENT, rounding=ROUND_HALF_UP)
    except InvalidOperation:
        raise _not_a_number(raw, "an amount of at most 26 digits before the decimal point") from None


def fen_to_yuan(raw: int | str | None) -> Decimal:
    """Whole fen (finance's unit) as yuan with two decimals, exactly."""
    if blank(raw):
        raise missing(ELEMENT, raw)
    if isinstance(raw, str) and _INTEGER.fullmatch(text := raw.strip()):
        raw = int(text)
    if not isinstance(raw, int) or isinstance(raw, bool):
        raise _not_a_number(raw, "a whole number of fen")
    if raw < 0:
        raise _negative(raw)
    return Decimal(raw).scaleb(-2)


def _negative(raw: object) -> Invalid:
    return Invalid(
        fault="negative_amount",
        element=ELEMENT,
        value=raw,
        reason=f"amount {raw!r} is negative; expected zero or more",
    )


def _not_a_number(raw: object, expected: str) -> Invalid:
    return Invalid(fault="bad_number", element=ELEMENT, value=raw, reason=f"amount {raw!r} is not {expected}")
