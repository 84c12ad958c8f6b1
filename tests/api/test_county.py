"""A generated county, synced and served: totals against truth.json, nested answers against the store's rows."""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import text

from graph.store import Store
from hub.auth.clients import add_client
from hub.resolvers.pages import PageLimits
from tests.api.conftest import Hub
from tests.support.sources import SourceSet, copy_store

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def county_hub(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, serve: Any) -> Iterator[Hub]:
    """The session's county store, served: on SQLite a copy (a client is added, and the sync tests compare the
    original's digest), on PostgreSQL the shared store itself, with a client name no other test uses."""
    if request.param == "sqlite":
        url = copy_store(request.getfixturevalue("county_store_sqlite"), tmp_path_factory.mktemp("api-county-store"))
    else:
        url = request.getfixturevalue("county_store_postgres")
    store = Store.open(url)
    name = f"county-test-{uuid.uuid4().hex[:8]}"
    key = add_client(store.engine, name, "registry:read,employment:read,payments:read,pii:read")
    served = serve(store.engine, PageLimits(default=20, cap=100))
    yield Hub(served, key, store.engine)
    serve.stop(served)
    store.close()


def test_totals_equal_truth(county_hub: Hub, county: SourceSet) -> None:
    counts = county.truth["counts"]
    data = county_hub.query(
        """{ households(first: 0) { totalCount } laborers(first: 0) { totalCount }
             employers(first: 0) { totalCount } workshops(first: 0) { totalCount }
             payments(first: 0) { totalCount } poverty: followUps(first: 0, source: [POVERTY]) { totalCount }
             ledger: followUps(first: 0, source: [LEDGER]) { totalCount }
             quarantine(first: 0) { totalCount } }"""
    )
    assert {key: value["totalCount"] for key, value in data.items()} == {
        "households": counts["households"],
        "laborers": counts["laborers"],
        "employers": counts["employers"],
        "workshops": counts["workshops"],
        "payments": counts["payments"],
        "poverty": counts["followups"],
        "ledger": counts["ledger_rows"],
        "quarantine": len(county.truth["bad_records"]),
    }


def test_monthly_filters_equal_truth_findings(county_hub: Hub, county: SourceSet) -> None:
    zero: defaultdict[str, set[str]] = defaultdict(set)
    for finding in county.truth["findings"]["ZERO_EMPLOYMENT_HOUSEHOLD"]:
        zero[finding["period"]].add(finding["household"])
    missing: defaultdict[str, set[str]] = defaultdict(set)
    for finding in county.truth["findings"]["FOLLOWUP_MISSING"]:
        missing[finding["period"]].add(finding["citizen_id"])
    for period in county.truth["months"][::3]:
        households = _all(county_hub, "households", f'zeroEmploymentIn: "{period}"', "householdNo")
        assert households == zero[period], period
        laborers = _all(county_hub, "laborers", f'period: "{period}", followedUp: false', "citizenId")
        assert laborers == missing[period], period


def _all(hub: Hub, field: str, arguments: str, key: str) -> set[str]:
    found: list[str] = []
    after = ""
    while True:
        page = hub.query(
            f"{{ {field}({arguments}, first: 100{after}) "
            f"{{ pageInfo {{ hasNextPage endCursor }} nodes {{ {key} }} }} }}"
        )[field]
        found.extend(node[key] for node in page["nodes"])
        if not page["pageInfo"]["hasNextPage"]:
            return set(found)
        after = f', after: "{page["pageInfo"]["endCursor"]}"'


NESTED = """query($first: Int!, $period: Period!, $after: String) {
  households(first: $first, after: $after) { pageInfo { endCursor } nodes { householdNo status villageCode
    members { citizenId name laborCategory employment(period: $period) { status income employer { creditCode name } }
      payments { voucher subsidyType amount status effective coveredPeriod } } } } }"""


def test_nested_query_matches_the_store(county_hub: Hub, county: SourceSet) -> None:
    period = county.truth["months"][5]
    data = county_hub.query(NESTED, {"first": 100, "period": period})["households"]
    second = county_hub.query(NESTED, {"first": 100, "period": period, "after": data["pageInfo"]["endCursor"]})
    households = data["nodes"] + second["households"]["nodes"]
    numbers = [household["householdNo"] for household in households]
    assert len(set(numbers)) == 200 and numbers == sorted(numbers)
    with county_hub.engine.connect() as connection:
        expected_numbers = (
            connection.execute(text("SELECT household_no FROM households ORDER BY household_no LIMIT 200"))
            .scalars()
            .all()
        )
        assert numbers == expected_numbers
        members = connection.execute(
            text(
                "SELECT p.household_no, p.citizen_id, e.status, e.income, m.name FROM people p "
                "LEFT JOIN employment e ON e.citizen_id = p.citizen_id AND e.period = :period "
                "LEFT JOIN employers m ON m.credit_code = e.employer_credit_code "
                "WHERE p.household_no IN (SELECT household_no FROM households ORDER BY household_no LIMIT 200) "
                "ORDER BY p.citizen_id"
            ),
            {"period": period},
        ).all()
        payments = connection.execute(
            text(
                "SELECT beneficiary_citizen_id, COUNT(*), SUM(amount) FROM payments WHERE beneficiary_citizen_id IN "
                "(SELECT citizen_id FROM people WHERE household_no IN "
                "(SELECT household_no FROM households ORDER BY household_no LIMIT 200)) GROUP BY 1"
            )
        ).all()
    served = {m["citizenId"]: (h["householdNo"], m) for h in households for m in h["members"]}
    assert sorted(served) == [row.citizen_id for row in members]
    for row in members:
        household, member = served[row.citizen_id]
        assert household == row.household_no
        employment = member["employment"]
        if row.status is None:
            assert employment is None
        else:
            assert employment["status"] == row.status
            assert employment["income"] == (None if row.income is None else f"{row.income / 100:.2f}")
            assert (employment["employer"] or {}).get("name") == row.name
    paid = {cid: (n, total) for cid, n, total in payments}
    for cid, (_, member) in served.items():
        n, total = paid.get(cid, (0, 0))
        assert len(member["payments"]) == n
        assert sum(round(float(p["amount"]) * 100) for p in member["payments"]) == (total or 0)


def test_region_stats_agree_with_lists(county_hub: Hub, county: SourceSet) -> None:
    county_code = county.truth["findings"]["ZERO_EMPLOYMENT_HOUSEHOLD"][0]["household"][:6]
    period = county.truth["months"][-1]
    stats = county_hub.query(
        """query($code: String!, $period: Period!) { regionStats(code: $code, period: $period) {
             laborers employed zeroEmploymentHouseholds returnees noEmploymentRecord
             byEmploymentStatus { status laborers } subsidiesPaid { subsidyType payments } } }""",
        {"code": county_code, "period": period},
    )["regionStats"]
    lists = county_hub.query(
        """query($code: String!, $period: Period!) {
             all: laborers(regionCode: $code, first: 0) { totalCount }
             employed: laborers(regionCode: $code, period: $period, employed: true, first: 0) { totalCount }
             returned: laborers(regionCode: $code, period: $period, returned: true, first: 0) { totalCount }
             unknown: laborers(regionCode: $code, period: $period, statusKnown: false, first: 0) { totalCount }
             zero: households(regionCode: $code, zeroEmploymentIn: $period, first: 0) { totalCount }
             paid: payments(regionCode: $code, period: $period, effective: true, first: 0) { totalCount } }""",
        {"code": county_code, "period": period},
    )
    # Members of a household whose registry row was quarantined lie in no region: fewer than all laborers.
    assert stats["laborers"] == lists["all"]["totalCount"] <= county.truth["counts"]["laborers"]
    assert stats["employed"] == lists["employed"]["totalCount"]
    assert stats["returnees"] == lists["returned"]["totalCount"]
    assert stats["noEmploymentRecord"] == lists["unknown"]["totalCount"]
    assert stats["zeroEmploymentHouseholds"] == lists["zero"]["totalCount"]
    assert stats["zeroEmploymentHouseholds"] == sum(
        1 for f in county.truth["findings"]["ZERO_EMPLOYMENT_HOUSEHOLD"] if f["period"] == period
    )
    assert sum(row["payments"] for row in stats["subsidiesPaid"]) == lists["paid"]["totalCount"]
    assert (
        sum(row["laborers"] for row in stats["byEmploymentStatus"]) + stats["noEmploymentRecord"] == stats["laborers"]
    )


def test_variant_spellings_resolve_to_the_person(county_hub: Hub, county: SourceSet) -> None:
    variants = [v for v in county.truth["variants"] if "raw" in v and "citizen_id" in v][:20]
    assert variants
    for variant in variants:
        data = county_hub.query(
            "query($id: CitizenId!) { laborer(citizenId: $id) { citizenId } }", {"id": variant["raw"]}
        )
        assert data["laborer"] == {"citizenId": variant["citizen_id"]}, variant
