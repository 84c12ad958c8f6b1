"""Same seed, same sources — whatever the batch size; another seed, other sources."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

import synth.sinks
from synth import generate
from tests.synth.conftest import DIRTY, SEED, Generated, content_digest


def test_same_seed_gives_identical_files_and_truth(
    village: Generated, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(synth.sinks, "BATCH", 97)  # other batch boundaries must not change anything
    again = tmp_path / "again"
    generate(again, scale="village", seed=SEED, rates=DIRTY)
    assert content_digest(again) == content_digest(village.folder)
    assert (again / "truth.json").read_bytes() == (village.folder / "truth.json").read_bytes()


def test_another_seed_gives_other_sources(village: Generated, tmp_path: Path) -> None:
    other = tmp_path / "other"
    generate(other, scale="village", seed=SEED + 1, rates=DIRTY)
    mine, theirs = content_digest(village.folder), content_digest(other)
    assert all(mine[name] != theirs.get(name) for name in ("PKHCY", "JY_LDLJYXX", "HFJL", "BT_FFMX"))


def test_village_scale_is_quick(tmp_path: Path) -> None:
    started = time.monotonic()
    summary = generate(tmp_path / "quick", scale="village", seed=3, months=2)
    assert summary.counts["households"] > 200
    assert time.monotonic() - started < 30, "a village-scale set is meant for tests: seconds, not minutes"
