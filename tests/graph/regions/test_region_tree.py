"""The region tree: Jiangxi's real division codes, and villages numbered under their townships."""

from __future__ import annotations

import shutil
from importlib.resources import as_file, files
from pathlib import Path

import pytest

from graph.regions import Region, load_region_tree, read_regions


def test_the_tree_holds_jiangxi_from_province_to_township() -> None:
    tree = load_region_tree()
    assert [r.name for r in tree.regions() if r.level == "province"] == ["江西省"]
    assert len(list(tree.cities())) == 11
    assert len(list(tree.counties())) == 100
    assert len(list(tree.townships())) == 1767
    assert tree.get("3607") == Region("3607", "赣州市", "city", "36")
    assert tree.get("360704") == Region("360704", "赣县区", "county", "3607")
    assert load_region_tree() is tree


def test_every_region_sits_under_its_parent() -> None:
    tree = load_region_tree()
    for region in tree.regions():
        if region.parent_code is not None:
            assert region.code.startswith(region.parent_code)
            assert tree.is_known(region.parent_code)
            assert region in tree.children(region.parent_code)


def test_parent_codes_step_down_the_levels() -> None:
    tree = load_region_tree()
    assert tree.parent_code("360704101202") == "360704101"
    assert tree.parent_code("360704101") == "360704"
    assert tree.parent_code("360704") == "3607"
    assert tree.parent_code("3607") == "36"
    assert tree.parent_code("36") is None


def test_the_path_of_a_village_runs_from_the_province() -> None:
    tree = load_region_tree()
    township = next(iter(tree.townships("360704")))
    village = township.code + "202"
    path = tree.path(village)
    assert [r.level for r in path] == ["province", "city", "county", "township", "village"]
    assert [r.code for r in path] == ["36", "3607", "360704", township.code, village]
    assert path[-1].name is None  # villages are named by the sources, not by reference data
    assert tree.county_of(village).name == "赣县区"


@pytest.mark.parametrize(
    ("suffix", "known"), [("001", True), ("202", True), ("399", True), ("000", False), ("400", False)]
)
def test_a_village_is_known_under_a_known_township_numbered_001_to_399(suffix: str, known: bool) -> None:
    tree = load_region_tree()
    township = next(iter(tree.townships("360704")))
    assert tree.is_known(township.code + suffix) is known
    assert (tree.get(township.code + suffix) is not None) is known


def test_codes_the_tree_does_not_know() -> None:
    tree = load_region_tree()
    assert not tree.is_known("360721")  # 赣县 became 赣县区 360704 in 2016
    assert not tree.is_known("360721101202")
    assert not tree.is_known("110101")  # Beijing is not Jiangxi
    assert not tree.is_known("36070410120a")
    assert tree.get("360721") is None
    with pytest.raises(LookupError, match=r"region code '360721' is not in the region tree"):
        tree.path("360721")
    with pytest.raises(LookupError, match=r"region code '360721101202' is not in the region tree"):
        tree.county_of("360721101202")


def test_levels_come_from_the_length() -> None:
    tree = load_region_tree()
    levels = {
        "36": "province",
        "3607": "city",
        "360704": "county",
        "360704101": "township",
        "360704101202": "village",
    }
    assert {code: tree.level_of(code) for code in levels} == levels
    with pytest.raises(ValueError, match=r"region code '36070' is not a division code; expected 2, 4, 6, 9 or 12"):
        tree.level_of("36070")
    with pytest.raises(ValueError, match=r"region code '3607' is above county level"):
        tree.county_of("3607")


def test_townships_of_one_county_are_its_children() -> None:
    tree = load_region_tree()
    townships = list(tree.townships("360704"))
    assert townships and all(t.parent_code == "360704" and t.level == "township" for t in townships)
    assert len(townships) == sum(1 for t in tree.townships() if t.code.startswith("360704"))


def test_a_township_under_an_unknown_county_is_refused(tmp_path: Path) -> None:
    with as_file(files("graph.regions") / "data") as shipped:
        data = Path(shutil.copytree(shipped, tmp_path / "data"))
    with (data / "townships.csv").open("a", encoding="utf-8") as handle:
        handle.write('360799101,"不存在镇",360799,36,3607\n')
    with pytest.raises(
        ValueError, match=r"townships.csv line 1769: code '360799101' does not lie under a known parent"
    ):
        read_regions(data)
