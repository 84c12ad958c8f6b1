"""Generated source sets and synced stores shared by the tests (generated once per session)."""

from __future__ import annotations

import json
import re
import sqlite3
from contextlib import closing
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from typing import Any

import connectors
from connectors.framework import Connector
from graph.store import Store
from hub.sync import SourceReport, sync

SOURCE_NAMES = ("hr", "poverty", "finance", "ledger")
COUNTY_SEED, COUNTY_MONTHS = 7, 14
"""The session's shared county (``county_sources`` in tests/conftest.py)."""


@dataclass(frozen=True)
class SourceSet:
    """A generated source set on disk and its ground truth."""

    folder: Path

    @property
    def truth(self) -> dict[str, Any]:
        return json.loads((self.folder / "truth.json").read_text(encoding="utf-8"))

    def locations(self, urls: dict[str, str] | None = None) -> dict[str, str]:
        found = {name: f"sqlite:///{self.folder / f'{name}.db'}" for name in ("hr", "poverty", "finance")}
        found["ledger"] = str(self.folder / "ledgers")
        found.update(urls or {})
        return found

    def connectors(self, urls: dict[str, str] | None = None) -> list[Connector]:
        return [connectors.build(name, location) for name, location in self.locations(urls).items()]


def empty_sources(folder: Path) -> SourceSet:
    """The three departmental databases with their published schemas and no rows, and an empty ledger folder."""
    folder.mkdir()
    (folder / "ledgers").mkdir()
    for name in ("hr", "poverty", "finance"):
        ddl = re.sub(r"--[^\n]*", "", files("synth.ddl").joinpath(f"{name}.sql").read_text(encoding="utf-8"))
        with sqlite3.connect(folder / f"{name}.db") as connection:
            connection.executescript(ddl)
    return SourceSet(folder)


def hr_employment_row(
    row_id: int, status: str, month: str, stamp: str, citizen_id: str = "360732198001011236"
) -> tuple[object, ...]:
    """One row of HR's monthly employment table (JY_LDLJYXX), in its column order."""
    return (row_id, citizen_id, "张三", "1", "360732", status, "广东", None, None, 5000, month, None, stamp)


def generate(folder: Path, *, scale: str = "county", seed: int = 7, months: int | None = None) -> SourceSet:
    from synth import generate as generate_sources

    generate_sources(folder, scale=scale, seed=seed, months=months)
    return SourceSet(folder)


def sync_into(
    store_url: str, sources: SourceSet, urls: dict[str, str] | None = None
) -> tuple[Store, list[SourceReport]]:
    store = Store.open(store_url)
    return store, sync_sources(store, sources, urls)


def sync_sources(
    store: Store, sources: SourceSet, urls: dict[str, str] | None = None, **options: Any
) -> list[SourceReport]:
    """One sync of every source of the set into the store (``options`` as :func:`hub.sync.sync` takes them)."""
    chosen = sources.connectors(urls)
    try:
        return sync(store, chosen, **options)
    finally:
        for connector in chosen:
            connector.close()


def copy_store(store_file: Path, folder: Path) -> str:
    """A private copy of a SQLite store file in ``folder``; returns its URL.

    SQLite's backup API rather than a file copy: it reads a consistent snapshot even while another test has the
    original open (write-ahead log not yet checkpointed), and is still far cheaper than syncing again.
    """
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / "store.db"
    with (
        closing(sqlite3.connect(f"file:{store_file}?mode=ro", uri=True)) as source,
        closing(sqlite3.connect(target)) as copy,
    ):
        source.backup(copy)
    return f"sqlite:///{target}"
