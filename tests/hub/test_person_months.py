"""``person_months`` after a sync: exactly the employed and visited months ``employment`` and ``followups`` hold.

Each test recomputes the table here, in plain Python, from every row of the two tables it summarizes.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import Connection, inspect, text

from graph.caliber import load_caliber
from graph.resolve.person_months import refresh_person_months
from graph.store import Store
from graph.store.engine import alembic_config
from tests.support.sources import SourceSet, generate, sync_into

type Months = dict[tuple[str, int], tuple[int, int]]

VILLAGE_SEED, VILLAGE_MONTHS = 3, 12
"""A village's year, 2024-01 to 2024-12: the month added next opens a year."""


def recomputed(connection: Connection) -> Months:
    """{(citizen_id, year): (employed, visited)} from the rows of ``employment`` and ``followups``."""
    employed = {c.code for c in load_caliber().code_list("employment_status") if c.is_employed}
    masks: dict[tuple[str, int], list[int]] = {}
    for citizen_id, period, status in connection.execute(text("SELECT citizen_id, period, status FROM employment")):
        if status in employed:
            masks.setdefault((citizen_id, int(period[:4])), [0, 0])[0] |= 1 << (int(period[5:7]) - 1)
    for citizen_id, period in connection.execute(text("SELECT citizen_id, period FROM followups")):
        masks.setdefault((citizen_id, int(period[:4])), [0, 0])[1] |= 1 << (int(period[5:7]) - 1)
    return {key: (e, v) for key, (e, v) in masks.items()}


def stored(connection: Connection) -> Months:
    rows = connection.execute(text("SELECT citizen_id, year, employed, visited FROM person_months"))
    return {(citizen_id, year): (employed, visited) for citizen_id, year, employed, visited in rows}


def assert_summarizes(store: Store) -> Months:
    with store.engine.connect() as connection:
        found, expected = stored(connection), recomputed(connection)
    assert found == expected
    return found


@pytest.fixture(params=["sqlite", "postgres"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.db'}"
    return request.getfixturevalue("new_postgres_database")("months")


@pytest.fixture
def village(tmp_path: Path) -> SourceSet:
    return generate(tmp_path / "sources", scale="village", seed=VILLAGE_SEED, months=VILLAGE_MONTHS)


@pytest.fixture
def synced(store_url: str, village: SourceSet) -> Iterator[Store]:
    """The village synced into a fresh store."""
    store, _ = sync_into(store_url, village)
    yield store
    store.close()


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def county_store(request: pytest.FixtureRequest, county_store_sqlite: Path) -> Iterator[Store]:
    """The session's county store on either engine (read only)."""
    if request.param == "sqlite":
        store = Store.open(f"sqlite:///{county_store_sqlite}")
    else:
        store = Store.open(request.getfixturevalue("county_store_postgres"))
    yield store
    store.close()


@pytest.mark.slow
def test_a_synced_county_summarizes_its_months(county_store: Store, county_sources: SourceSet) -> None:
    found = assert_summarizes(county_store)
    years = {int(month[:4]) for month in county_sources.truth["months"]}
    assert {year for _, year in found} == years
    assert any(employed for employed, _ in found.values())
    assert any(visited for _, visited in found.values())
    assert all(employed or visited for employed, visited in found.values())


def test_a_month_more_keeps_it_exact(synced: Store, store_url: str, village: SourceSet) -> None:
    before = assert_summarizes(synced)
    assert {year for _, year in before} == {2024}
    generate(village.folder, scale="village", seed=VILLAGE_SEED, months=VILLAGE_MONTHS + 1)
    again, reports = sync_into(store_url, village)
    again.close()
    assert sum(r.total.inserted + r.total.updated for r in reports) > 0
    after = assert_summarizes(synced)
    assert {year for _, year in after} == {2024, 2025}


def test_the_migration_fills_it_from_the_stored_months(synced: Store) -> None:
    kept = assert_summarizes(synced)
    config = alembic_config(synced.engine)
    command.downgrade(config, "0008")
    assert not inspect(synced.engine).has_table("person_months")
    command.upgrade(config, "head")
    assert assert_summarizes(synced) == kept
    if synced.engine.dialect.name == "sqlite":
        with synced.engine.connect() as connection:
            definition = connection.execute(
                text("SELECT sql FROM sqlite_master WHERE name = 'person_months'")
            ).scalar_one()
        assert definition.rstrip().endswith("WITHOUT ROWID")


def test_a_full_refresh_rebuilds_what_the_resolver_kept(synced: Store) -> None:
    """Refreshing every year drops rows no month supports any more and leaves the rest as the sync left them."""
    kept = assert_summarizes(synced)
    with synced.engine.begin() as connection:
        connection.execute(
            text("INSERT INTO person_months (citizen_id, year, employed, visited) VALUES ('X', 1999, 1, 0)")
        )
        connection.execute(text("UPDATE person_months SET visited = 0"))
        refresh_person_months(connection, None)
    assert assert_summarizes(synced) == kept
