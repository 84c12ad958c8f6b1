"""The months of a resolution are written in groups bounded by the sort's temporary space; any grouping
must give the same unified statuses and conflicts as all months in one statement."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

import graph.resolve.employment as employment
from graph.store import Store
from tests.support.sources import SourceSet, generate, sync_into

DERIVED = (
    "SELECT * FROM employment ORDER BY citizen_id, period",
    "SELECT subject_key, period, unified_value, assertions FROM conflicts "
    "WHERE element = 'employment_status' ORDER BY subject_key, period",
)


def _derived(store: Store) -> list[list[tuple[object, ...]]]:
    with store.engine.connect() as connection:
        return [[tuple(row) for row in connection.execute(text(query))] for query in DERIVED]


@pytest.fixture(scope="module")
def village(tmp_path_factory: pytest.TempPathFactory) -> SourceSet:
    return generate(tmp_path_factory.mktemp("village") / "sources", scale="village", seed=5, months=12)


@pytest.mark.parametrize("engine", ["sqlite", "postgres"])
def test_months_resolved_one_statement_each_equal_all_in_one(
    engine: str, village: SourceSet, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest
) -> None:
    def url(name: str) -> str:
        if engine == "sqlite":
            return f"sqlite:///{tmp_path / f'{name}.db'}"
        return request.getfixturevalue("new_postgres_database")(name)

    together, _ = sync_into(url("together"), village)
    monkeypatch.setattr(employment, "ROWS_PER_STATEMENT", 1)  # every month a statement of its own
    calls: list[int] = []
    winners = employment._winners
    monkeypatch.setattr(employment, "_winners", lambda *args: calls.append(1) or winners(*args))
    apart, _ = sync_into(url("apart"), village)
    try:
        assert len(calls) == len(village.truth["months"]) == 12
        found = _derived(apart)
        assert found == _derived(together)
        assert len(found[0]) > 100
    finally:
        together.close()
        apart.close()
