"""The command line as scripts and jobs drive it: generate, sync, status --json, quarantine --json."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from subprocess import CompletedProcess


def test_generate_sync_status_and_quarantine(tmp_path: Path, run_hub: Callable[..., CompletedProcess[str]]) -> None:
    sources, store = tmp_path / "sources", f"sqlite:///{tmp_path / 'store.db'}"
    run_hub("sources", "generate", "--out", str(sources), "--scale", "village", "--seed", "4", check=True)
    truth = json.loads((sources / "truth.json").read_text(encoding="utf-8"))

    synced = run_hub("sync", "--sources", str(sources), "--store", store, "--quiet", check=True)
    for column in ("read", "inserted", "updated", "unchanged", "quarantined", "conflicts"):
        assert column in synced.stdout
    for source in ("hr", "poverty", "finance", "ledger"):
        assert source in synced.stdout

    status = run_hub("status", "--store", store, "--json", check=True)
    assert json.loads(status.stdout) == truth["counts"]

    listed = run_hub("quarantine", "--store", store, "--json", check=True)
    entries = [json.loads(line) for line in listed.stdout.splitlines()]
    assert {(e["source"], e["table"], e["key"], e["fault"]) for e in entries} == {
        (b["source"], b["table"], b["key"], b["fault"]) for b in truth["bad_records"]
    }
    assert all(e["reason"] for e in entries)

    only = run_hub("quarantine", "--store", store, "--json", "--source", "hr", "--fault", "id_checksum", check=True)
    picked = [json.loads(line) for line in only.stdout.splitlines()]
    assert picked and all(e["source"] == "hr" and e["fault"] == "id_checksum" for e in picked)


def test_sync_without_sources_says_what_to_do(tmp_path: Path, run_hub: Callable[..., CompletedProcess[str]]) -> None:
    result = run_hub("sync", "--sources", str(tmp_path / "missing"), "--store", f"sqlite:///{tmp_path / 's.db'}")
    assert result.returncode == 1
    assert "SQLite source file not found" in result.stderr
    assert "Traceback" not in result.stderr
