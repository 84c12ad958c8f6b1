"""The region tree: divisions by code, their children, and the path from the province down."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import ColumnElement

from graph.regions import DIGITS
from hub.resolvers.entities import REGION, REGIONS
from hub.resolvers.loaders import many_by, one_by

REGION_BY_CODE = one_by(REGION, "code", "Region")
CHILDREN = many_by(REGION, "parent_code", "code", name="Region.children")


def path_codes(code: str) -> list[str]:
    """The codes from the province down to ``code`` itself (2, 4, 6, 9, 12 digits)."""
    return [code[:digits] for digits in DIGITS.values() if digits <= len(code)]


@dataclass(frozen=True, slots=True)
class RegionFilter:
    level: str | None = None
    parent_code: str | None = None

    def conditions(self) -> list[ColumnElement[bool]]:
        found: list[ColumnElement[bool]] = []
        if self.level is not None:
            found.append(REGIONS.c.level == self.level)
        if self.parent_code is not None:
            found.append(REGIONS.c.parent_code == self.parent_code)
        return found
