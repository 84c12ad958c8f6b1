"""DataLoaders: a nested query costs the same number of SQL statements for a page of 10 and of 100."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import event

from graph.resolve.person_months import refresh_person_months
from graph.store import Store
from hub.auth.clients import add_client
from hub.resolvers.pages import PageLimits
from tests.api.conftest import Hub
from tests.api.data import T, _employment, _payment, _person, _source, citizen, credit
from tests.support.postgres import create_database

HOUSEHOLDS = 120
NESTED = """query($first: Int!) { households(first: $first, regionCode: "360732") {
  nodes { householdNo members { citizenId name employment(period: "2024-05") { status income employer { name } }
  payments { voucher amount effective } } } } }"""


def _rows() -> dict[str, list[dict[str, Any]]]:
    employers = [credit(f"91360732MA35{n:05d}") for n in range(5)]
    rows: dict[str, list[dict[str, Any]]] = {
        "households": [],
        "people": [],
        "employment": [],
        "payments": [],
        "employers": [],
    }
    for n, code in enumerate(employers):
        rows["employers"].append(
            {
                "credit_code": code,
                "name": f"企业{n}",
                "employer_type": "ENTERPRISE",
                "county_code": "360732",
                "in_industrial_park": False,
                **_source("hr", "JY_YGDW", str(n)),
            }
        )
    for h in range(HOUSEHOLDS):
        number = f"360732100201{h:03d}"
        rows["households"].append(
            {
                "household_no": number,
                "village_code": "360732100201",
                "status": "POOR",
                "head_name": "户主",
                "head_citizen_id": None,
                "lifted_year": None,
                "size": 3,
                "phone": None,
                "bank_account": None,
                **_source("poverty", "PKH", number),
            }
        )
        for m in range(3):
            cid = citizen("360732", f"{1970 + m}0101", f"{h:03d}")
            person = _person(cid, f"成员{h}-{m}", number, "HEAD" if m == 0 else "SON", "NORMAL", "YES")
            person["source_key"] = f"{h}-{m}"
            rows["people"].append(person)
            rows["employment"].append(
                _employment(
                    cid,
                    "2024-05",
                    "IN_COUNTY_ENTERPRISE",
                    "2000",
                    employers[(h + m) % 5],
                    ("hr", "JY_LDLJYXX", f"{h}-{m}"),
                )
            )
            payment = _payment(f"V{h:03d}{m}", "TRANSPORT", "300", "PAID", "2024-05", payee=cid, effective=True)
            rows["payments"].append(payment)
    return rows


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def big_hub(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, serve: Any) -> Iterator[Hub]:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('statements') / 'store.db'}"
    else:
        url = create_database(request.getfixturevalue("postgres_base_url"), "statements")
    store = Store.open(url)
    with store.engine.begin() as connection:
        for table, values in _rows().items():
            connection.execute(T[table].insert(), values)
        refresh_person_months(connection, None)
    key = add_client(store.engine, "bench", "registry:read,employment:read,payments:read")
    served = serve(store.engine, PageLimits(default=20, cap=100))
    yield Hub(served, key, store.engine)
    serve.stop(served)
    store.close()


def _statements_for(hub: Hub, first: int) -> tuple[int, Any]:
    seen: list[str] = []

    def count(*_: Any) -> None:
        seen.append("x")

    event.listen(hub.engine, "before_cursor_execute", count)
    try:
        data = hub.query(NESTED, {"first": first})
    finally:
        event.remove(hub.engine, "before_cursor_execute", count)
    return len(seen), data


def test_statement_count_is_constant_in_page_size(big_hub: Hub) -> None:
    small, small_data = _statements_for(big_hub, 10)
    large, large_data = _statements_for(big_hub, 100)
    assert small == large
    # the key check, the page, then one statement per level: members, employment, employers, payments
    assert large == 6
    households = large_data["households"]["nodes"]
    assert len(households) == 100
    assert small_data["households"]["nodes"] == households[:10]
    members = [member for household in households for member in household["members"]]
    assert len(members) == 300
    assert all(member["employment"]["employer"]["name"].startswith("企业") for member in members)
    assert all(
        member["payments"] == [{"voucher": member["payments"][0]["voucher"], "amount": "300.00", "effective": True}]
        for member in members
    )
    assert Decimal(members[0]["employment"]["income"]) == Decimal("2000")
