"""End to end: a generated county, synced into SQLite and PostgreSQL stores, scored against truth.json."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from graph.store import Store
from tests.support.sources import SourceSet, copy_store, generate, sync_into

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def county(county_sources: SourceSet) -> SourceSet:
    return county_sources


@pytest.fixture(scope="module")
def sqlite_store(county_store_sqlite: Path) -> Path:
    """The session's county store file (synced once, closed); the tests below only read it or copy it."""
    return county_store_sqlite


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def synced(request: pytest.FixtureRequest, sqlite_store: Path) -> Iterator[tuple[Store, list]]:
    """The session's county store on either engine: the sync that built it is the one under test here."""
    if request.param == "sqlite":
        store = Store.open(f"sqlite:///{sqlite_store}")
    else:
        store = Store.open(request.getfixturevalue("county_store_postgres"))
    yield store, []
    store.close()


def _quarantine(store: Store) -> set[tuple[str, str, str, str]]:
    with store.engine.connect() as connection:
        rows = connection.exec_driver_sql("SELECT source, source_table, source_key, fault FROM quarantine").all()
    return {tuple(row) for row in rows}


def test_counts_equal_truth(synced: tuple[Store, list], county: SourceSet) -> None:
    store, _ = synced
    assert store.counts() == county.truth["counts"]


def test_quarantine_is_exactly_the_bad_records(synced: tuple[Store, list], county: SourceSet) -> None:
    store, _ = synced
    expected = {(b["source"], b["table"], b["key"], b["fault"]) for b in county.truth["bad_records"]}
    found = _quarantine(store)
    hits = len(expected & found)
    precision = hits / len(found) if found else 1.0
    recall = hits / len(expected) if expected else 1.0
    print(f"quarantine precision {precision:.4f} recall {recall:.4f} ({len(found)} found, {len(expected)} planted)")
    assert found - expected == set(), "quarantined but not a planted fault"
    assert expected - found == set(), "planted fault not quarantined"
    assert {fault for *_, fault in expected} >= {
        "id_checksum",
        "id_format",
        "unknown_code",
        "bad_date",
        "negative_amount",
        "missing_required",
    }


def test_id_variants_resolve_to_the_person(synced: tuple[Store, list], county: SourceSet) -> None:
    store, _ = synced
    variants = [v for v in county.truth["variants"] if v.get("kind", "id") == "id"]
    assert variants, "the generator plants ID variants"
    tables = {"PKHCY": "people", "JY_LDLJYXX": "employment_reports", "HFJL": "followups"}
    checked = 0
    with store.engine.connect() as connection:
        for variant in variants:
            table = tables.get(variant["table"])
            if table is None:
                continue
            found = connection.exec_driver_sql(
                f"SELECT citizen_id FROM {table} WHERE source = %(s)s AND source_table = %(t)s AND source_key = %(k)s"
                if store.engine.dialect.name == "postgresql"
                else f"SELECT citizen_id FROM {table} WHERE source = :s AND source_table = :t AND source_key = :k",
                {"s": variant["source"], "t": variant["table"], "k": variant["key"]},
            ).scalar_one()
            assert found == variant["citizen_id"], variant
            checked += 1
    assert checked > 0


def test_name_variants_are_kept_as_conflicts(synced: tuple[Store, list], county: SourceSet) -> None:
    store, _ = synced
    planted = {v["citizen_id"] for v in county.truth["variants"] if v.get("kind") == "name"}
    assert planted, "the generator plants name variants"
    with store.engine.connect() as connection:
        conflicted = {
            row[0] for row in connection.exec_driver_sql("SELECT subject_key FROM conflicts WHERE element = 'name'")
        }
        # A variant can only disagree with the registry when the registry's own record arrived (was not a fault).
        registered = {
            row[0] for row in connection.exec_driver_sql("SELECT citizen_id FROM people WHERE registered = true")
        }
    missing = (planted & registered) - conflicted
    assert not missing, f"name variants without a conflict: {sorted(missing)[:5]}"
    assert len(planted & registered) > 0.9 * len(planted)


def test_the_sync_leaves_planner_statistics(synced: tuple[Store, list]) -> None:
    """Rules run right after a sync; without statistics one of them planned for minutes on PostgreSQL."""
    store, _ = synced
    with store.engine.connect() as connection:
        if store.engine.dialect.name == "postgresql":
            rows = connection.execute(text("SELECT reltuples FROM pg_class WHERE relname = 'people'")).scalar_one()
        else:
            rows = connection.execute(text("SELECT COUNT(*) FROM sqlite_stat1 WHERE tbl = 'people'")).scalar_one()
    assert rows > 0


def test_second_sync_writes_nothing(synced: tuple[Store, list], county: SourceSet) -> None:
    store, _ = synced
    before = store.digest()
    again, reports = sync_into(store.url, county)
    for report in reports:
        assert report.total.inserted == 0, report
        assert report.total.updated == 0, report
    assert again.digest() == before
    again.close()


def _source_rows(folder: Path) -> dict[tuple[str, str], tuple]:
    rows: dict[tuple[str, str], tuple] = {}
    for name in ("hr", "poverty", "finance"):
        with sqlite3.connect(folder / f"{name}.db") as connection:
            tables = [r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
            for table in tables:
                for row in connection.execute(f"SELECT * FROM {table}"):
                    rows[(f"{name}.{table}", repr(row[:2]))] = row
    return rows


def test_one_more_month_processes_only_new_and_changed_rows(
    county: SourceSet, sqlite_store: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "sources"
    shutil.copytree(county.folder, folder)  # keeps the ledgers' modification times, i.e. their cursors
    sources = SourceSet(folder)
    store = Store.open(copy_store(sqlite_store, tmp_path / "store"))
    before = _source_rows(folder)
    months = len(sources.truth["months"])
    generate(folder, scale="county", seed=county.truth["seed"], months=months + 1)
    after = _source_rows(folder)
    changed = sum(1 for key, row in after.items() if before.get(key) != row)
    new_ledgers = len(list((folder / "ledgers").glob(f"*-{sources.truth['months'][-1].replace('-', '')}.xlsx")))
    _, reports = sync_into(store.url, sources)
    written = sum(r.total.inserted + r.total.updated for r in reports if r.source != "ledger")
    read = sum(r.total.read for r in reports if r.source != "ledger")
    print(f"one more month: {changed} source rows new or changed, {read} read, {written} written")
    assert 0 < written <= changed
    assert read < len(after) / 4, "an incremental sync must not re-read the whole source"
    assert new_ledgers > 0
    assert store.counts() == sources.truth["counts"]
    store.close()


def test_killed_sync_resumes_to_the_same_store(
    county: SourceSet, sqlite_store: Path, tmp_path: Path, run_hub: Callable[..., object]
) -> None:
    clean = Store.open(f"sqlite:///{sqlite_store}")
    expected = clean.digest()
    clean.close()
    url = f"sqlite:///{tmp_path / 'killed.db'}"
    killed = run_hub(
        "sync",
        "--sources",
        str(county.folder),
        "--store",
        url,
        "--quiet",
        "--batch-size",
        "500",
        kill_after_cursor=url,
    )
    assert killed.returncode == -9
    run_hub("sync", "--sources", str(county.folder), "--store", url, "--quiet", check=True)
    resumed = Store.open(url)
    assert resumed.digest() == expected
    resumed.close()
