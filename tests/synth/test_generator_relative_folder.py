"""Regression: `hub sources generate --out sources` with a relative folder used to fail computing the truth."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from synth import generate


def test_generate_into_a_relative_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    generate(Path("sources"), scale="village", seed=11, months=2)
    truth = json.loads((tmp_path / "sources" / "truth.json").read_text(encoding="utf-8"))
    assert set(truth["findings"]) >= {"DUPLICATE_PAYMENT", "FOLLOWUP_MISSING"}
