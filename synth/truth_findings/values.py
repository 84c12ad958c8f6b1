"""Cell-level normalization for the ground truth, written apart from the hub's so the two can disagree.

The truth is only worth scoring against if a bug in the hub's normalizer cannot reproduce itself here,
so the citizen-ID arithmetic is spelt out (GB 11643-1999, ISO 7064 MOD 11-2) instead of shared.
Every function returns ``None`` for a blank cell and raises ``ValueError`` (naming the value and what
was expected) for one that does not normalize; the SQL adapters turn that into an ``INVALID`` marker.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

INVALID = "!invalid"
"""What the SQL functions return for a value that does not normalize (blank gives NULL)."""

_CHECK = "0123456789X"
_ID18 = re.compile(r"[0-9]{17}[0-9X]")
_ID15 = re.compile(r"[0-9]{15}")
_TEXT_DATE = re.compile(r"([0-9]{4})[-./年]([0-9]{1,2})[-./月]([0-9]{1,2})日?")
_EXCEL_EPOCH = date(1899, 12, 30)
_CENT = Decimal("0.01")


def is_blank(value: object) -> bool:
    """NULL, or text that is empty once every kind of space (U+3000 included) is removed."""
    return value is None or (isinstance(value, str) and not value.split())


def folded(value: object) -> str:
    """Text with full-width forms folded to ASCII and all whitespace removed."""
    return "".join(unicodedata.normalize("NFKC", str(value)).split())


def check_digit(first17: str) -> str:
    """ISO 7064 MOD 11-2: the check digit c makes sum(digit · 2^(position from the right)) + c ≡ 1
    (mod 11). As 13 ≡ 2 (mod 11), that weighted sum is twice the 17 digits read in base 13."""
    return _CHECK[(1 - 2 * int(first17, 13)) % 11]


def citizen_id(value: object) -> str | None:
    """The unified 18-character ID; a 15-digit legacy ID gains '19' and its check digit."""
    if is_blank(value):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    raw = str(value) if isinstance(value, int) else folded(value).upper()
    if _ID15.fullmatch(raw):
        first17 = f"{raw[:6]}19{raw[6:]}"
        raw = first17 + check_digit(first17)
    if not _ID18.fullmatch(raw):
        raise ValueError(f"citizen ID {value!r}: expected 18 characters (17 digits and a digit or X) or 15 digits")
    if check_digit(raw[:17]) != raw[17]:
        raise ValueError(f"citizen ID {value!r}: check digit {raw[17]}, expected {check_digit(raw[:17])}")
    try:
        date(int(raw[6:10]), int(raw[10:12]), int(raw[12:14]))
    except ValueError:
        raise ValueError(f"citizen ID {value!r}: birth date {raw[6:14]} is not a date") from None
    return raw


def fen(value: object) -> int | None:
    """Whole fen of a yuan amount; a float is taken by its shortest decimal text, rounded half-up."""
    if is_blank(value):
        return None
    if isinstance(value, bool):
        raise ValueError(f"amount {value!r}: expected a number of yuan")
    if isinstance(value, int):
        return value * 100
    text = repr(value) if isinstance(value, float) else folded(value)
    try:
        amount = Decimal(text)
    except InvalidOperation:
        raise ValueError(f"amount {value!r}: expected a number of yuan") from None
    if not amount.is_finite():
        raise ValueError(f"amount {value!r}: expected a finite number of yuan")
    return int(amount.quantize(_CENT, rounding=ROUND_HALF_UP) * 100)


def ledger_date(value: object) -> str | None:
    """ISO date of a ledger cell: an Excel date, an Excel serial number, or text in the villages' forms."""
    if is_blank(value):
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, int | float) and not isinstance(value, bool):
        return (_EXCEL_EPOCH + timedelta(days=int(value))).isoformat()
    match = _TEXT_DATE.fullmatch(folded(value))
    if match:
        try:
            return date(int(match[1]), int(match[2]), int(match[3])).isoformat()
        except ValueError:
            pass
    raise ValueError(f"date {value!r}: expected an Excel date or YYYY-MM-DD, YYYY.MM.DD or YYYY年MM月DD日")


def sql_function[T](normalize: Callable[[object], T | None]) -> Callable[[object], T | str | None]:
    """Wrap a normalizer for SQLite, which cannot carry an exception out of a function call."""

    def call(value: object) -> T | str | None:
        try:
            return normalize(value)
        except ValueError:
            return INVALID

    return call
