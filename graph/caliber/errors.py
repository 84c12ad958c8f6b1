"""Why a source value cannot enter the unified caliber: the quarantine reasons, and broken caliber data."""

from __future__ import annotations

from functools import partial
from typing import Literal, get_args

Fault = Literal[
    "id_checksum",  # an 18-character ID whose check digit is wrong (never corrected)
    "id_format",  # an identifier of the wrong length or characters, or an impossible birth date
    "unknown_code",  # a source value that no department mapping covers (never guessed)
    "bad_date",  # an unparseable or impossible date, timestamp or month
    "negative_amount",  # money below zero
    "missing_required",  # a required element empty after trimming
    "credit_code",  # a unified social credit code failing GB 32100-2015
    "bad_number",  # money or a count that is not a finite decimal number
    "unreadable_file",  # a ledger workbook that cannot be opened at all
]
FAULTS: frozenset[str] = frozenset(get_args(Fault))


class Invalid(ValueError):
    """A source value that cannot be normalized; the record carrying it goes to quarantine.

    ``fault`` groups the reason for scoring and reports, ``element`` and ``value`` say what was wrong,
    ``reason`` says so in a sentence that names the value and what was expected.
    """

    def __init__(self, *, fault: Fault, element: str, value: object, reason: str) -> None:
        if fault not in FAULTS:
            raise ValueError(f"unknown quarantine fault {fault!r}; expected one of {', '.join(sorted(FAULTS))}")
        super().__init__(reason)
        self.fault = fault
        self.element = element
        self.value = value
        self.reason = reason

    def __reduce__(self) -> tuple[object, tuple[()]]:
        # Keyword-only construction: rebuild through a partial so the error survives pickling
        # (process pools hand quarantined rows back to the parent).
        return partial(Invalid, fault=self.fault, element=self.element, value=self.value, reason=self.reason), ()


class CaliberDataError(ValueError):
    """A caliber data file that contradicts itself; names the file, the key and what was expected."""
