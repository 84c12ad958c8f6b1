"""Levels of the statistical division code and how a code's length tells its level and its parent."""

from __future__ import annotations

from typing import Literal

Level = Literal["province", "city", "county", "township", "village"]

#: Digits of a code at each level: 2 province, 2 city, 2 county, 3 township, 3 village.
DIGITS: dict[Level, int] = {"province": 2, "city": 4, "county": 6, "township": 9, "village": 12}
LEVEL_OF_LENGTH: dict[int, Level] = {length: level for level, length in DIGITS.items()}
_PARENT_LENGTH: dict[int, int] = {12: 9, 9: 6, 6: 4, 4: 2}


def level_of(code: str) -> Level:
    """The level a division code's length stands for."""
    level = LEVEL_OF_LENGTH.get(len(code))
    if level is None or not (code.isascii() and code.isdigit()):
        raise ValueError(f"region code {code!r} is not a division code; expected 2, 4, 6, 9 or 12 digits")
    return level


def parent_code(code: str) -> str | None:
    """The code one level up (12 → 9 → 6 → 4 → 2 digits); None for a province."""
    level_of(code)
    length = _PARENT_LENGTH.get(len(code))
    return None if length is None else code[:length]
