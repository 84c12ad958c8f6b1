"""The region tree: divisions by code, their children, and the path from the province down."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import ColumnElement

from graph.regions import DIGITS
from hub.resolvers.entities import REGION, REGIONS
from hub.resolvers.loaders import Relation, keyed_rows, many_per_key, one_per_key, reading

if TYPE_CHECKING:
    from hub.resolvers.reader import Columns, Reader


def _by_code(reader: Reader, codes: list[str], columns: Columns = None) -> list[Any]:
    rows = keyed_rows(reader, REGION, "code", codes, columns)
    return one_per_key(codes, rows, reading(rows, "code"))


def _children(reader: Reader, codes: list[str], columns: Columns = None) -> list[Any]:
    rows = keyed_rows(reader, REGION, "parent_code", codes, columns, order=("code",))
    return many_per_key(codes, rows, reading(rows, "parent_code"))


REGION_BY_CODE = Relation("Region", _by_code)
CHILDREN = Relation("Region.children", _children)


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
