"""Region codes at a stated level: the 12-digit statistical division code or one of its prefixes.

Decision: an upper level also accepts its code padded with zeros to 12 digits (``360704000000`` for the
county 360704), the form the statistics bureau publishes, and returns the short code. Any other length
is rejected. Whether the code exists is the region tree's question, not this format check's.
"""

from __future__ import annotations

from graph.caliber.errors import Invalid
from graph.caliber.normalize.text import blank, compact, missing
from graph.regions.levels import DIGITS, Level

ELEMENT = "region_code"
_FULL = DIGITS["village"]


def region_code(raw: str | int | None, *, level: Level) -> str:
    """The code of ``level`` as digits only (2, 4, 6, 9 or 12); bad length or characters → id_format."""
    digits = DIGITS[level]
    if blank(raw):
        raise missing(ELEMENT, raw)
    text = str(raw) if isinstance(raw, int) and not isinstance(raw, bool) else raw
    if not isinstance(text, str):
        raise _invalid(raw, level, digits, f"a {type(raw).__name__} is not a code")
    if len(text) != digits or not text.isdigit() or not text.isascii():
        text = compact(text)
    if len(text) == _FULL and digits < _FULL and text[digits:] == "0" * (_FULL - digits):
        text = text[:digits]
    if len(text) != digits or not text.isdigit() or not text.isascii():
        raise _invalid(raw, level, digits, f"{text!r} has {len(text)} characters")
    return text


def _invalid(raw: object, level: Level, digits: int, problem: str) -> Invalid:
    padded = f", or {digits} digits padded with zeros to 12" if digits < _FULL else ""
    return Invalid(
        fault="id_format",
        element=ELEMENT,
        value=raw,
        reason=f"{level} code {raw!r}: {problem}; expected {digits} digits{padded}",
    )
