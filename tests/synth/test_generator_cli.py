"""``hub sources generate`` from the command line: progress, a closing summary, clear errors."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from synth.cli import sources_app

runner = CliRunner()


def _flat(output: str) -> str:
    """The output's words in one line, without the boxes rich draws around errors."""
    return " ".join(output.replace("│", " ").split())


def test_generate_writes_the_sources_and_prints_a_summary(tmp_path: Path) -> None:
    out = tmp_path / "demo"
    result = runner.invoke(
        sources_app, ["generate", "--out", str(out), "--scale", "village", "--seed", "4", "--months", "2", "--quiet"]
    )
    assert result.exit_code == 0, result.output
    assert {p.name for p in out.iterdir()} == {"hr.db", "poverty.db", "finance.db", "ledgers", "truth.json"}
    truth = json.loads((out / "truth.json").read_text(encoding="utf-8"))
    assert truth["months"] == ["2024-01", "2024-02"] and truth["seed"] == 4 and truth["scale"] == "village"
    assert "generated village sources (seed 4, 2024-01..2024-02)" in result.output
    assert f"{truth['counts']['households']:,}" in result.output
    again = runner.invoke(
        sources_app, ["generate", "--out", str(out), "--scale", "village", "--seed", "4", "--months", "3", "--quiet"]
    )
    assert again.exit_code == 0, again.output
    assert "extended village sources (seed 4, 2024-01..2024-03)" in again.output


def test_an_unknown_scale_is_refused_with_the_choices(tmp_path: Path) -> None:
    result = runner.invoke(sources_app, ["generate", "--out", str(tmp_path / "x"), "--scale", "hamlet"])
    assert result.exit_code == 2
    assert "'hamlet': expected one of village, county, city, province" in _flat(result.output)


def test_a_folder_of_another_generation_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "demo"
    first = runner.invoke(sources_app, ["generate", "--out", str(out), "--scale", "village", "--months", "1", "-q"])
    assert first.exit_code == 0, first.output
    result = runner.invoke(sources_app, ["generate", "--out", str(out), "--scale", "county", "--months", "1", "-q"])
    assert result.exit_code == 1
    assert "holds seed=7 scale=village, not seed=7 scale=county" in _flat(result.output)
