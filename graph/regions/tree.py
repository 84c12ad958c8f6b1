"""The region tree: Jiangxi's real province, city, county and township codes, villages by convention.

Villages are not reference data: the bureau numbers them under their township, ``001``–``199`` urban
residents' committees and ``200``–``399`` villagers' committees, so a village code is *known* when its
township is and its last three digits fall in ``001``–``399``. Such a village has no name here; the
sources that mention it supply one.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from types import MappingProxyType
from typing import TYPE_CHECKING

from graph.regions.levels import DIGITS, Level, level_of, parent_code

if TYPE_CHECKING:
    from collections.abc import Mapping
    from importlib.resources.abc import Traversable

# (file, level, parent column); read in this order so every parent is known before its children.
_FILES: tuple[tuple[str, Level, str | None], ...] = (
    ("provinces.csv", "province", None),
    ("cities.csv", "city", "provinceCode"),
    ("counties.csv", "county", "cityCode"),
    ("townships.csv", "township", "areaCode"),
)
_VILLAGE_NUMBERS = range(1, 400)


@dataclass(frozen=True, slots=True)
class Region:
    code: str
    name: str | None
    level: Level
    parent_code: str | None


class RegionTree:
    """Lookups over the division codes; build it with :func:`load_region_tree`."""

    __slots__ = ("_by_code", "_children")

    def __init__(self, regions: list[Region]) -> None:
        self._by_code: Mapping[str, Region] = MappingProxyType({r.code: r for r in regions})
        children: defaultdict[str, list[Region]] = defaultdict(list)
        for region in regions:
            if region.parent_code is not None:
                children[region.parent_code].append(region)
        self._children = {code: tuple(kids) for code, kids in children.items()}

    def is_known(self, code: str) -> bool:
        """A reference code, or a village code under a known township numbered 001–399."""
        if code in self._by_code:
            return True
        return (
            len(code) == DIGITS["village"]
            and code.isascii()
            and code.isdigit()
            and code[:9] in self._by_code
            and int(code[9:]) in _VILLAGE_NUMBERS
        )

    __contains__ = is_known

    def get(self, code: str) -> Region | None:
        """The region of a known code (a village has no name here), else None."""
        region = self._by_code.get(code)
        if region is None and self.is_known(code):
            return Region(code, None, "village", code[:9])
        return region

    def level_of(self, code: str) -> Level:
        return level_of(code)

    def parent_code(self, code: str) -> str | None:
        return parent_code(code)

    def path(self, code: str) -> tuple[Region, ...]:
        """The regions from the province down to ``code`` itself."""
        region = self.get(code)
        if region is None:
            raise LookupError(f"region code {code!r} is not in the region tree; expected a known division code")
        path = [region]
        while region.parent_code is not None:
            region = self._by_code[region.parent_code]
            path.append(region)
        return tuple(reversed(path))

    def county_of(self, code: str) -> Region:
        """The county a county, township or village code lies in."""
        if len(code) < DIGITS["county"]:
            raise ValueError(f"region code {code!r} is above county level; expected 6, 9 or 12 digits")
        county = self._by_code.get(code[: DIGITS["county"]])
        if county is None or not self.is_known(code):
            raise LookupError(f"region code {code!r} is not in the region tree; expected a known division code")
        return county

    def children(self, code: str) -> tuple[Region, ...]:
        """The reference regions directly under ``code`` (villages are not listed)."""
        return self._children.get(code, ())

    def regions(self) -> Iterator[Region]:
        """Every reference region, level by level, each level in code order."""
        return iter(self._by_code.values())

    def cities(self) -> Iterator[Region]:
        return self._of_level("city")

    def counties(self) -> Iterator[Region]:
        return self._of_level("county")

    def townships(self, county: str | None = None) -> Iterator[Region]:
        """Every township, or those of one county."""
        if county is not None:
            return iter(self.children(county))
        return self._of_level("township")

    def _of_level(self, level: Level) -> Iterator[Region]:
        return (region for region in self._by_code.values() if region.level == level)


def read_regions(folder: Traversable) -> list[Region]:
    """Rows of the reference CSV files, checked: right digits, known parent, code under its parent."""
    regions: dict[str, Region] = {}
    for name, level, parent_column in _FILES:
        with folder.joinpath(name).open(encoding="utf-8", newline="") as handle:
            for line, row in enumerate(csv.DictReader(handle), start=2):
                code, parent = row["code"], row[parent_column] if parent_column else None
                where = f"{name} line {line}"
                if len(code) != DIGITS[level] or not code.isdigit():
                    raise ValueError(f"{where}: code {code!r} is not a {level} code of {DIGITS[level]} digits")
                if parent is not None and (parent not in regions or parent_code(code) != parent):
                    raise ValueError(f"{where}: code {code!r} does not lie under a known parent {parent!r}")
                if code in regions:
                    raise ValueError(f"{where}: code {code!r} appears twice")
                regions[code] = Region(code, row["name"], level, parent)
    return sorted(regions.values(), key=lambda r: (DIGITS[r.level], r.code))


@cache
def load_region_tree() -> RegionTree:
    """The reference tree shipped with the package, read once per process."""
    return RegionTree(read_regions(files("graph.regions") / "data"))
