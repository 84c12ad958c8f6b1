"""One more month: exactly a fresh longer generation, writing only new rows and rows that really changed."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from synth import GenerationError, generate
from tests.synth.conftest import content_digest, table_rows

CURSORS = {
    "JY_LDLJYXX": "GXSJ",
    "JY_YGDW": "GXSJ",
    "JY_GYXGW": "GXSJ",
    "JY_PXJL": "GXSJ",
    "JY_GWXX": "GXSJ",
    "PKH": "XGSJ",
    "PKHCY": "XGSJ",
    "FPCJ": "XGSJ",
    "HFJL": "XGSJ",
    "BT_FFMX": "CZSJ",
}
KEYS = {"JY_YGDW": ("DWXYDM",), "PKH": ("HBH",), "FPCJ": ("CJBH",), "BT_FFMX": ("FFPZH",), "JY_ZDGZ": ("XZQH", "SXRQ")}


def _keyed(folder: Path) -> dict[str, dict[tuple[Any, ...], dict[str, Any]]]:
    return {
        table: {tuple(row[k] for k in KEYS.get(table, ("ID",))): row for row in rows}
        for table, rows in table_rows(folder).items()
    }


@pytest.fixture(scope="module")
def extended(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    """(5 months, the same extended to 6, a fresh 6-month generation)."""
    root = tmp_path_factory.mktemp("extension")
    generate(root / "before", scale="village", seed=5, months=5)
    shutil.copytree(root / "before", root / "after")
    generate(root / "after", scale="village", seed=5, months=6)
    generate(root / "fresh", scale="village", seed=5, months=6)
    return root / "before", root / "after", root / "fresh"


def test_extending_equals_generating_the_longer_set(extended: tuple[Path, Path, Path]) -> None:
    _, after, fresh = extended
    assert content_digest(after) == content_digest(fresh)
    assert json.loads((after / "truth.json").read_text()) == json.loads((fresh / "truth.json").read_text())


def test_earlier_rows_stay_unless_they_changed_with_a_newer_cursor(extended: tuple[Path, Path, Path]) -> None:
    before, after, _ = extended
    old, new = _keyed(before), _keyed(after)
    added = changed = 0
    for table, rows in new.items():
        cursor = CURSORS.get(table)
        latest = max((row[cursor] for row in old[table].values()), default="") if cursor else ""
        assert set(old[table]) <= set(rows), f"{table}: rows disappeared"
        for key, row in rows.items():
            previous = old[table].get(key)
            if previous == row:
                continue
            assert cursor is not None, f"{table} {key}: changed without a cursor"
            assert row[cursor] > latest, f"{table} {key}: new or changed but its cursor is not newer"
            added += previous is None
            changed += previous is not None
    assert added > 1000 and 0 < changed < 50


def test_earlier_ledgers_are_left_byte_for_byte(extended: tuple[Path, Path, Path]) -> None:
    before, after, _ = extended
    old = {p.name: p.read_bytes() for p in (before / "ledgers").glob("*.xlsx")}
    new = {p.name: p.read_bytes() for p in (after / "ledgers").glob("*.xlsx")}
    assert all(new[name] == data for name, data in old.items())
    assert len(new) > len(old)


def test_a_folder_only_extends_its_own_generation(extended: tuple[Path, Path, Path], tmp_path: Path) -> None:
    before, _, _ = extended
    copy = tmp_path / "copy"
    shutil.copytree(before, copy)
    with pytest.raises(GenerationError, match=r"holds seed=5 scale=village, not seed=6 scale=village"):
        generate(copy, scale="village", seed=6, months=6)
    with pytest.raises(GenerationError, match=r"already holds 5 months, months=4 is fewer"):
        generate(copy, scale="village", seed=5, months=4)
    (copy / "truth.json").unlink()
    with pytest.raises(GenerationError, match=r"has source files but no truth\.json"):
        generate(copy, scale="village", seed=5, months=6)
