"""Citizen IDs (公民身份号码) in the unified caliber: 18 characters, GB 11643 check digit, upper-case X.

An ID is judged by its structure, birth date and check digit alone. Its first six digits are the county
*at registration*, often since abolished (赣县 360721 → 赣县区 360704), so the area code is never
checked — which is why ``stdnum.cn.ric.validate`` (it checks area codes) is not used, only its check digit.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Literal

from stdnum.cn.ric import calc_check_digit

from graph.caliber.errors import Invalid
from graph.caliber.normalize.text import compact, missing

ELEMENT = "citizen_id"
_CHECK_CHARACTERS = frozenset("0123456789X")


def citizen_id(raw: str | int | float | None) -> str:
    """The unified 18-character ID of a source value; a wrong check digit is quarantined, never fixed.

    A 15-digit legacy ID is upgraded (``19`` inserted before the year, check digit computed). A number
    (an ID cell Excel stored as a number) is read as its integer digits, as Excel shows them.
    """
    if isinstance(raw, str):
        text = raw if len(raw) == 18 and raw.isascii() and raw.isalnum() else compact(raw)
        if text[-1:] == "x":
            text = text[:-1] + "X"
    elif isinstance(raw, int | float) and not isinstance(raw, bool):
        text = _digits_of_number(raw)
    elif raw is None:
        raise missing(ELEMENT, raw)
    else:
        raise _format(raw, f"a {type(raw).__name__} is not an ID")
    if not text:
        raise missing(ELEMENT, raw)
    if len(text) == 15 and text.isdigit() and text.isascii():
        body = text[:6] + "19" + text[6:]
        _birth_date(body, raw)
        return body + calc_check_digit(body + "?")  # stdnum expects a check position and ignores it
    if len(text) != 18 or not (text[:17].isdigit() and text.isascii()) or text[17] not in _CHECK_CHARACTERS:
        raise _format(raw, f"reads as {text!r} ({len(text)} characters)")
    _birth_date(text, raw)
    expected = calc_check_digit(text)
    if text[17] != expected:
        read_as = "" if text == raw else f" (read as {text!r})"
        raise Invalid(
            fault="id_checksum",
            element=ELEMENT,
            value=raw,
            reason=f"citizen ID {raw!r}{read_as} ends in {text[17]!r} but its first 17 digits give check "
            f"digit {expected!r}; expected a valid GB 11643 check digit (a wrong one is never corrected)",
        )
    return text


def birth_date_of(id18: str) -> date:
    """The birth date an 18-character unified ID encodes."""
    return date(int(id18[6:10]), int(id18[10:12]), int(id18[12:14]))


def sex_of(id18: str) -> Literal["M", "F"]:
    """Sex by the 17th digit: odd male, even female."""
    return "M" if int(id18[16]) % 2 else "F"


def _digits_of_number(raw: int | float) -> str:
    # repr() gives the digits Excel showed (its 15 significant digits), not the binary float's expansion.
    number = Decimal(raw) if isinstance(raw, int) else Decimal(repr(raw))
    if not number.is_finite() or number != number.to_integral_value() or number < 0:
        raise _format(raw, "a number that is not a whole positive number")
    return str(int(number))


def _birth_date(body: str, raw: object) -> None:
    try:
        born: date | None = date.fromisoformat(body[6:14])  # 8 digits: YYYYMMDD
    except ValueError:
        born = None
    if born is None or born.year < 1900:
        raise _format(raw, f"birth date {body[6:14]!r} is not a real date from 1900 on")


def _format(raw: object, problem: str) -> Invalid:
    return Invalid(
        fault="id_format",
        element=ELEMENT,
        value=raw,
        reason=f"citizen ID {raw!r}: {problem}; expected 18 characters (17 digits and a digit or X) "
        "or a 15-digit legacy ID, with a real birth date",
    )
