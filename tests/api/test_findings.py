"""Findings over GraphQL on the hand-made store: totals, filters, relations, evidence, measures, region scope.

The expected figures are counted by hand (``tests/api/ruled.py``) and checked against the findings
table as well, so the list, the table and regionStats can only agree by being right.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import pytest

from graph.rules import RULES
from hub.auth.clients import add_client
from hub.resolvers.pages import PageLimits
from tests.api.conftest import Hub, Servers, statements_of
from tests.api.data import H2, H4, P4, P5, P8, V6, V7
from tests.api.ruled import HAND_FINDINGS, RUIJIN, RUIJIN_FINDINGS, RuledHub, ruled_hand_hub

TOTAL = "query($rule: [RuleCode!], $region: String, $period: Period, $status: [FindingStatus!], "
TOTAL += "$severity: [FindingSeverity!]) { findings(first: 0, rule: $rule, regionCode: $region, period: $period, "
TOTAL += "status: $status, severity: $severity) { totalCount } }"


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def ruled(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, serve: Servers
) -> Iterator[RuledHub]:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path_factory.mktemp('findings') / 'store.db'}"
    else:
        url = request.getfixturevalue("new_postgres_database")("findings")
    with ruled_hand_hub(url, serve) as hub:
        yield hub


def total(hub: Hub, **filters: Any) -> int:
    return hub.query(TOTAL, filters)["findings"]["totalCount"]


def test_totals_per_rule_equal_the_findings_table(ruled: RuledHub) -> None:
    for rule in RULES:
        expected = ruled.count("SELECT COUNT(*) FROM findings WHERE rule = :rule", rule=rule.code)
        assert expected == HAND_FINDINGS.get(rule.code, 0), rule.code
        assert total(ruled, rule=[rule.code]) == expected, rule.code
    assert total(ruled) == sum(HAND_FINDINGS.values()) == ruled.count("SELECT COUNT(*) FROM findings")


@pytest.mark.parametrize(
    ("filters", "by_hand", "sql"),
    [
        ({"region": RUIJIN}, RUIJIN_FINDINGS, "region_code LIKE '360781%'"),
        ({"region": "360732100202"}, 5, "region_code = '360732100202'"),  # H2's months, P5 twice, P4 in June
        ({"period": "2024-06"}, 9, "period = '2024-06'"),
        ({"severity": ["HIGH"]}, 9, "severity = 'high'"),
        ({"severity": ["MEDIUM", "LOW"]}, 9, "severity IN ('medium', 'low')"),
        ({"status": ["OPEN"]}, 18, "status = 'OPEN'"),
        ({"status": ["ACKNOWLEDGED", "RESOLVED"]}, 0, "status <> 'OPEN'"),
        (
            {"rule": ["FOLLOWUP_MISSING"], "region": "360732", "period": "2024-05", "severity": ["MEDIUM"]},
            2,  # P5 and P2
            "rule = 'FOLLOWUP_MISSING' AND region_code LIKE '360732%' AND period = '2024-05'",
        ),
    ],
)
def test_each_filter_narrows_the_list(ruled: RuledHub, filters: dict[str, Any], by_hand: int, sql: str) -> None:
    assert ruled.count(f"SELECT COUNT(*) FROM findings WHERE {sql}") == by_hand
    assert total(ruled, **filters) == by_hand


def test_pages_through_every_finding_in_id_order(ruled: RuledHub) -> None:
    seen: list[str] = []
    after = None
    while True:
        page = ruled.query(
            "query($after: String) { findings(first: 5, after: $after) { pageInfo { hasNextPage endCursor } "
            "nodes { id rule } } }",
            {"after": after},
        )["findings"]
        seen.extend(node["id"] for node in page["nodes"])
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert len(seen) == len(set(seen)) == sum(HAND_FINDINGS.values())


ALERT = """query($household: String!) { household(householdNo: $household) { findings {
  id rule ruleName ruleKind alert severity status period householdNo citizenId voucher regionCode subject evidence
  foundAt updatedAt acknowledgedAt acknowledgedBy resolvedAt resolvedBy measureTaken note resolvedByRun
  household { householdNo } region { code name } laborer { citizenId }
  measures { rank kind offerId title reason citizenId distance regionCode wageMin wageMax monthlySubsidy
    laborer { citizenId name } jobPosting { title wageMin wageMax employer { name } } workshop { code } } } } }"""


def test_an_alert_has_evidence_and_concrete_measures(ruled: RuledHub) -> None:
    findings = ruled.query(ALERT, {"household": H2})["household"]["findings"]
    assert [(f["rule"], f["period"], f["citizenId"]) for f in findings] == [
        ("ZERO_EMPLOYMENT_HOUSEHOLD", "2024-05", None),
        ("ZERO_EMPLOYMENT_HOUSEHOLD", "2024-06", None),
        ("FOLLOWUP_MISSING", "2024-05", P5),
        ("FOLLOWUP_MISSING", "2024-06", P5),
        ("FOLLOWUP_MISSING", "2024-06", P4),
    ]
    zero = findings[0]
    assert zero["ruleName"] == "零就业家庭" and zero["ruleKind"] == "MONITORING" and zero["alert"] is True
    assert (zero["severity"], zero["status"], zero["resolvedByRun"]) == ("HIGH", "OPEN", False)
    assert zero["subject"] == {"household": H2, "period": "2024-05"}
    assert zero["evidence"] == {"village": "360732100202", "laborers": [P4]}
    assert zero["household"] == {"householdNo": H2} and zero["region"] == {"code": "360732100202", "name": "西村"}
    assert zero["laborer"] is None and zero["acknowledgedAt"] is None and zero["measureTaken"] is None
    assert zero["foundAt"] == zero["updatedAt"]
    assert zero["measures"] == [
        {
            "rank": 1,
            "kind": "JOB_POSTING",
            "offerId": "1",
            "title": "装配工（兴国县富民电子厂）",
            "reason": "岗位无技能要求; 同县 (兴国县); 月薪 2,200–3,200 元; 招聘 20 人",
            "citizenId": P4,
            "distance": "同县",
            "regionCode": "360732",
            "wageMin": "2200.00",
            "wageMax": "3200.00",
            "monthlySubsidy": None,
            "laborer": {"citizenId": P4, "name": "钱二"},
            "jobPosting": {
                "title": "装配工",
                "wageMin": "2200.00",
                "wageMax": "3200.00",
                "employer": {"name": "兴国县富民电子厂"},
            },
            "workshop": None,
        }
    ]
    missing = findings[4]
    assert missing["laborer"] == {"citizenId": P4} and missing["measures"] == [] and missing["alert"] is False
    assert missing["evidence"] == {"village": "360732100202", "status": None}


def test_findings_hang_off_laborers_payments_and_regions(ruled: RuledHub) -> None:
    data = ruled.query(
        """query($person: CitizenId!, $voucher: String!, $region: String!) {
             laborer(citizenId: $person) { findings { rule period } none: findings(status: [RESOLVED]) { id } }
             payment(voucher: $voucher) { findings { rule ruleKind subject evidence payment { voucher } } }
             region(code: $region) { findings(first: 2) { totalCount nodes { regionCode } }
               june: findings(period: "2024-06", rule: [ZERO_EMPLOYMENT_HOUSEHOLD]) { nodes { householdNo } } } }""",
        {"person": P4, "voucher": V6, "region": RUIJIN},
    )
    assert data["laborer"] == {"findings": [{"rule": "FOLLOWUP_MISSING", "period": "2024-06"}], "none": []}
    [post] = data["payment"]["findings"]
    assert post["rule"] == "POST_PAYMENT_WITHOUT_PLACEMENT" and post["ruleKind"] == "RECONCILIATION"
    assert post["subject"] == {"voucher": V6} and post["payment"] == {"voucher": V6}
    assert post["evidence"]["amount"] == "700.00" and post["evidence"]["last_placement_end"] is None
    region = data["region"]
    assert region["findings"]["totalCount"] == RUIJIN_FINDINGS
    assert all(node["regionCode"].startswith(RUIJIN) for node in region["findings"]["nodes"])
    assert region["june"] == {"nodes": [{"householdNo": H4}]}


def test_a_page_of_findings_fetches_each_relation_once(ruled: RuledHub) -> None:
    query = "{ findings(first: 16) { nodes { laborer { name } household { householdNo } payment { voucher } } } }"
    with statements_of(ruled.engine) as seen:
        nodes = ruled.query(query)["findings"]["nodes"]
    assert len(nodes) == 16
    people = [s for s in seen if "FROM people" in s and "findings" not in s]
    households = [s for s in seen if "FROM households" in s and "findings" not in s and "people" not in s]
    assert len(people) == 1 and len(households) == 1


def test_node_fetches_a_finding_again(ruled: RuledHub) -> None:
    first = ruled.query("{ findings(first: 1, rule: [SHARED_BANK_ACCOUNT]) { nodes { id subject period } } }")
    [node] = first["findings"]["nodes"]
    assert node["period"] is None and node["subject"] == {"account": "6217000011112222"}
    again = ruled.query(
        "query($id: ID!) { node(id: $id) { __typename ... on Finding { id rule } } }", {"id": node["id"]}
    )
    assert again["node"] == {"__typename": "Finding", "id": node["id"], "rule": "SHARED_BANK_ACCOUNT"}


def test_a_region_scoped_client_sees_its_region_only(ruled: RuledHub) -> None:
    scoped = ruled.scoped()
    assert total(scoped) == RUIJIN_FINDINGS
    assert total(scoped, region="360732") == 0
    outside = ruled.query('{ findings(first: 1, regionCode: "360732") { nodes { id } } }')["findings"]["nodes"][0]
    assert scoped.query("query($id: ID!) { node(id: $id) { id } }", {"id": outside["id"]}) == {"node": None}
    household = scoped.query(f'{{ household(householdNo: "{H4}") {{ findings {{ regionCode }} }} }}')["household"]
    assert [f["regionCode"] for f in household["findings"]] == ["360781100201"] * 4


STATS = """query($code: String!, $period: Period!) { regionStats(code: $code, period: $period) {
  findingsByRule { rule ruleName findings } } }"""


@pytest.mark.parametrize(
    ("code", "period", "by_hand"),
    [
        (
            "360732",
            "2024-05",
            {
                "ZERO_EMPLOYMENT_HOUSEHOLD": 1,
                "FOLLOWUP_MISSING": 2,
                "PAYMENT_TO_UNREGISTERED": 1,
                "EMPLOYER_SUBSIDY_WITHOUT_EMPLOYMENT": 1,
            },
        ),
        ("360781", "2024-06", {"ZERO_EMPLOYMENT_HOUSEHOLD": 1, "FOLLOWUP_MISSING": 1}),
        ("36", "2024-06", {"ZERO_EMPLOYMENT_HOUSEHOLD": 4, "FOLLOWUP_MISSING": 5}),
        ("360732100202", "2024-07", {}),
    ],
)
def test_region_stats_count_findings_by_rule_as_the_list_does(
    ruled: RuledHub, code: str, period: str, by_hand: dict[str, int]
) -> None:
    rows = ruled.query(STATS, {"code": code, "period": period})["regionStats"]["findingsByRule"]
    assert [row["rule"] for row in rows] == [rule.code for rule in RULES]
    assert {row["rule"]: row["findings"] for row in rows if row["findings"]} == by_hand
    assert rows[0]["ruleName"] == "零就业家庭"
    for row in rows:
        listed = total(ruled, region=code, period=period, status=["OPEN", "ACKNOWLEDGED"], rule=[row["rule"]])
        assert row["findings"] == listed, row["rule"]


def test_the_look_ahead_executor_answers_findings_as_strawberry_does(ruled: RuledHub, serve: Servers) -> None:
    query = "{ findings(first: 16) { totalCount edges { cursor node { id rule severity status period citizenId "
    query += "householdNo voucher regionCode foundAt acknowledgedBy } } } }"
    reference = serve(ruled.engine, PageLimits(default=20, cap=100), lookahead=False)
    try:
        assert ruled.query(query) == Hub(reference, ruled.key, ruled.engine).query(query)
    finally:
        serve.stop(reference)


def test_bad_filter_values_name_their_argument(ruled: RuledHub) -> None:
    [message] = ruled.errors('{ findings(regionCode: "36x") { totalCount } }')
    assert message.startswith("argument regionCode: '36x' is not valid")
    [message] = ruled.errors("{ findings(rule: [NO_SUCH_RULE]) { totalCount } }")
    assert "argument rule" in message and "NO_SUCH_RULE" in message


def test_identifiers_in_subject_and_evidence_are_masked_without_pii_read(ruled: RuledHub) -> None:
    key = add_client(ruled.engine, f"no-pii-{uuid.uuid4().hex[:8]}", "findings:read,registry:read,payments:read")
    query = """{ shared: findings(rule: [SHARED_BANK_ACCOUNT]) { nodes { subject } }
                 unregistered: findings(rule: [PAYMENT_TO_UNREGISTERED]) { nodes { citizenId subject evidence } } }"""
    masked = Hub(ruled.url, key, ruled.engine).query(query)
    plain = ruled.query(query)
    assert plain["shared"]["nodes"] == [{"subject": {"account": "6217000011112222"}}]
    assert masked["shared"]["nodes"] == [{"subject": {"account": "************2222"}}]
    [shown] = masked["unregistered"]["nodes"]
    [full] = plain["unregistered"]["nodes"]
    assert full["evidence"]["citizen_id"] == full["citizenId"] == P8
    assert shown["evidence"]["citizen_id"] == shown["citizenId"] == P8[:4] + "*" * 10 + P8[-4:]
    assert shown["subject"] == full["subject"] == {"voucher": V7}
    assert {k: v for k, v in shown["evidence"].items() if k != "citizen_id"} == {
        k: v for k, v in full["evidence"].items() if k != "citizen_id"
    }
