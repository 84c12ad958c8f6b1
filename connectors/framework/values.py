"""Reading raw cells into caliber values, with the source column named in every rejection."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import lru_cache
from typing import Any

from graph.caliber import Invalid
from graph.caliber import citizen_id as _citizen_id

SPACES = " \t\r\n\u3000"


def blank(value: Any) -> bool:
    """True for NULL and for text that is empty after trimming (full-width spaces included)."""
    return value is None or (isinstance(value, str) and not value.strip(SPACES))


def text(value: Any) -> str:
    """Free text as written, trimmed."""
    return str(value).strip(SPACES)


@lru_cache(maxsize=1 << 20)
def _cached_id(raw: str) -> str:
    return _citizen_id(raw)


def citizen_id(value: Any) -> str:
    """The unified 18-character ID; each distinct spelling is normalized once per process."""
    if isinstance(value, str):
        return _cached_id(value)
    return _citizen_id(value)


def _at(invalid: Invalid, column: str) -> Invalid:
    return Invalid(
        fault=invalid.fault,
        element=f"{column} ({invalid.element})",
        value=invalid.value,
        reason=f"{column}: {invalid.reason}",
    )


def required[T](values: Mapping[str, Any], column: str, normalize: Callable[[Any], T] = text) -> T:  # type: ignore[assignment]
    """The normalized cell; a blank one is ``missing_required``, a bad one names the column."""
    value = values[column]
    if blank(value):
        raise Invalid(
            fault="missing_required",
            element=column,
            value=value,
            reason=f"{column} is required but empty",
        )
    try:
        return normalize(value)
    except Invalid as invalid:
        raise _at(invalid, column) from None


def optional[T](values: Mapping[str, Any], column: str, normalize: Callable[[Any], T] = text) -> T | None:  # type: ignore[assignment]
    """The normalized cell, or None when blank; a bad one names the column."""
    value = values[column]
    if blank(value):
        return None
    try:
        return normalize(value)
    except Invalid as invalid:
        raise _at(invalid, column) from None
