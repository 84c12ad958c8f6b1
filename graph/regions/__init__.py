"""Jiangxi's statistical division codes: the reference region tree every region code is checked against."""

from __future__ import annotations

from graph.regions.levels import DIGITS, Level, level_of, parent_code
from graph.regions.tree import Region, RegionTree, load_region_tree, read_regions

__all__ = [
    "DIGITS",
    "Level",
    "Region",
    "RegionTree",
    "level_of",
    "load_region_tree",
    "parent_code",
    "read_regions",
]
