"""Findings over GraphQL on the session's synced county, checked by every rule: the list against the table.

Some findings are acknowledged or resolved first (in the copy of the store this module serves), so the
status filters and ``regionStats.findingsByRule`` count something other than "everything is OPEN".
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from graph.rules import RULES, run_rules
from graph.store import Store
from hub.auth.clients import add_client
from tests.api.conftest import ALL_SCOPES, Hub, Servers
from tests.api.ruled import RuledHub, ruled_store_hub
from tests.support.sources import copy_store

pytestmark = pytest.mark.slow

TOTAL = """query($rule: [RuleCode!], $region: String, $period: Period, $status: [FindingStatus!],
  $severity: [FindingSeverity!]) { findings(first: 0, rule: $rule, regionCode: $region, period: $period,
  status: $status, severity: $severity) { totalCount } }"""


@pytest.fixture(scope="module")
def county_findings(
    county_store_sqlite: Path, tmp_path_factory: pytest.TempPathFactory, serve: Servers
) -> Iterator[RuledHub]:
    """The session's synced county, copied, every rule run over the copy, served."""
    store = Store.open(copy_store(county_store_sqlite, tmp_path_factory.mktemp("county-findings")))
    try:
        run_rules(store.engine)
        with store.engine.begin() as connection:  # every 7th acknowledged, every 11th resolved by someone
            connection.exec_driver_sql("UPDATE findings SET status = 'ACKNOWLEDGED' WHERE id % 7 = 0")
            connection.exec_driver_sql("UPDATE findings SET status = 'RESOLVED' WHERE id % 11 = 0")
        with ruled_store_hub(store, serve) as hub:
            yield hub
    finally:
        store.close()


def total(hub: RuledHub, **filters: Any) -> int:
    return hub.query(TOTAL, filters)["findings"]["totalCount"]


def test_every_rule_found_something_and_the_list_counts_the_table(county_findings: RuledHub) -> None:
    hub = county_findings
    found = {rule.code: hub.count("SELECT COUNT(*) FROM findings WHERE rule = :r", r=rule.code) for rule in RULES}
    assert sum(1 for n in found.values() if n) >= 10, found  # a county's faults trip most rules
    for rule, expected in found.items():
        assert total(hub, rule=[rule]) == expected, rule
    assert total(hub) == sum(found.values())


def _places(hub: RuledHub) -> tuple[str, str, str, str]:
    """The county, the village with the most findings and its township, and the busiest month."""
    with hub.engine.connect() as connection:
        village = connection.exec_driver_sql(
            "SELECT region_code FROM findings WHERE LENGTH(region_code) = 12 "
            "GROUP BY region_code ORDER BY COUNT(*) DESC, region_code LIMIT 1"
        ).scalar_one()
        period = connection.exec_driver_sql(
            "SELECT period FROM findings WHERE period IS NOT NULL "
            "GROUP BY period ORDER BY COUNT(*) DESC, period LIMIT 1"
        ).scalar_one()
    return village[:6], village[:9], village, period


def test_each_filter_narrows_the_list_to_the_matching_rows(county_findings: RuledHub) -> None:
    hub = county_findings
    county, township, village, period = _places(hub)
    everything = total(hub)
    cases: list[tuple[dict[str, Any], str]] = [
        ({"region": township}, f"region_code LIKE '{township}%'"),
        ({"region": village}, f"region_code = '{village}'"),
        ({"period": period}, f"period = '{period}'"),
        ({"status": ["ACKNOWLEDGED"]}, "status = 'ACKNOWLEDGED'"),
        ({"status": ["OPEN", "RESOLVED"]}, "status IN ('OPEN', 'RESOLVED')"),
        ({"severity": ["LOW"]}, "severity = 'low'"),
        ({"rule": ["FOLLOWUP_MISSING", "INCOME_DROP"]}, "rule IN ('FOLLOWUP_MISSING', 'INCOME_DROP')"),
        (
            {"region": township, "period": period, "status": ["OPEN"], "severity": ["MEDIUM", "HIGH"]},
            f"region_code LIKE '{township}%' AND period = '{period}' AND status = 'OPEN' "
            "AND severity IN ('medium', 'high')",
        ),
    ]
    for filters, where in cases:
        expected = hub.count(f"SELECT COUNT(*) FROM findings WHERE {where}")
        assert 0 < expected < everything, where
        assert total(hub, **filters) == expected, where
    assert total(hub, region=county) == hub.count(f"SELECT COUNT(*) FROM findings WHERE region_code LIKE '{county}%'")


def test_region_stats_count_findings_by_rule_as_the_list_does(county_findings: RuledHub) -> None:
    hub = county_findings
    county, township, village, period = _places(hub)
    query = """query($code: String!, $period: Period!) { regionStats(code: $code, period: $period) {
      findingsByRule { rule findings } } }"""
    for code in (county, township, village):
        rows = hub.query(query, {"code": code, "period": period})["regionStats"]["findingsByRule"]
        for row in rows:
            listed = total(hub, rule=[row["rule"]], region=code, period=period, status=["OPEN", "ACKNOWLEDGED"])
            assert row["findings"] == listed, (code, row["rule"])
        in_table = hub.count(
            "SELECT COUNT(*) FROM findings WHERE region_code LIKE :code AND period = :period "
            "AND status IN ('OPEN', 'ACKNOWLEDGED')",
            code=f"{code}%",
            period=period,
        )
        assert sum(row["findings"] for row in rows) == in_table > 0, code


PAGE = """query($rule: [RuleCode!]) { findings(first: 100, rule: $rule) { nodes {
  citizenId householdNo voucher regionCode evidence
  laborer { citizenId } household { householdNo } payment { voucher } region { code }
  measures { rank kind offerId citizenId wageMin jobPosting { wageMin } workshop { code } } } } }"""


@pytest.mark.parametrize("rule", ["ZERO_EMPLOYMENT_HOUSEHOLD", "INCOME_DROP", "DUPLICATE_PAYMENT"])
def test_a_page_of_findings_with_what_they_concern(county_findings: RuledHub, rule: str) -> None:
    hub = county_findings
    nodes = hub.query(PAGE, {"rule": [rule]})["findings"]["nodes"]
    with hub.engine.connect() as connection:
        stored = connection.exec_driver_sql(
            "SELECT citizen_id, household_no, voucher, region_code, evidence, measures FROM findings "
            f"WHERE rule = '{rule}' ORDER BY id LIMIT 100"
        ).all()
    assert len(nodes) == len(stored) > 0
    for node, (citizen, household, voucher, region, evidence, measures) in zip(nodes, stored, strict=True):
        assert (node["citizenId"], node["householdNo"], node["voucher"]) == (citizen, household, voucher)
        assert node["evidence"] == json.loads(evidence)
        assert (node["laborer"] or {}).get("citizenId") == citizen
        assert (node["household"] or {}).get("householdNo") == household
        assert (node["payment"] or {}).get("voucher") == voucher
        assert node["region"] == {"code": region}
        offers = json.loads(measures) if measures else []
        assert [(m["rank"], m["kind"], m["offerId"]) for m in node["measures"]] == [
            (m["rank"], m["kind"], m["id"]) for m in offers
        ]
        for measure in node["measures"]:
            assert measure["citizenId"] is not None
            if measure["kind"] == "JOB_POSTING":
                assert measure["jobPosting"] is not None and measure["wageMin"] == measure["jobPosting"]["wageMin"]
            if measure["kind"] == "WORKSHOP":
                assert measure["workshop"] == {"code": measure["offerId"]}
    if rule in ("ZERO_EMPLOYMENT_HOUSEHOLD", "INCOME_DROP"):
        assert sum(1 for node in nodes if node["measures"]) > len(nodes) // 2  # alerts come with measures


def test_a_township_client_sees_its_township_only(county_findings: RuledHub) -> None:
    hub = county_findings
    _, township, _, _ = _places(hub)
    key = add_client(hub.engine, "township-findings", ALL_SCOPES, township)
    scoped = Hub(hub.url, key, hub.engine)
    assert total(scoped) == hub.count(f"SELECT COUNT(*) FROM findings WHERE region_code LIKE '{township}%'") > 0
