"""Mutations over real HTTP: acknowledging and resolving findings, recording follow-up visits.

Each test gets a fresh hand-made store with the rules run over it, on SQLite and PostgreSQL, since each
one changes it.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import text

from graph.caliber import load_caliber
from graph.resolve import resolve
from graph.rules import run_rules
from hub.auth.scopes import SCOPES
from hub.resolvers.errors import QueryError
from hub.resolvers.followup_input import FollowUpSubmission, normalize
from tests.api.clients import access_log, new_client
from tests.api.conftest import Hub, Servers
from tests.api.data import H1, H2, P4, P7, P8
from tests.api.ruled import SCOPED_CLIENT, RuledHub, ruled_hand_hub

FIELDS = "id rule status note acknowledgedAt acknowledgedBy resolvedAt resolvedBy measureTaken resolvedByRun"
ACKNOWLEDGE = f"mutation($id: ID!, $note: String) {{ acknowledgeFinding(id: $id, note: $note) {{ {FIELDS} }} }}"
RESOLVE = f"""mutation($id: ID!, $measure: String!, $note: String) {{
  resolveFinding(id: $id, measureTaken: $measure, note: $note) {{ {FIELDS} household {{ householdNo }} }} }}"""
FINDING = f"query($id: ID!) {{ node(id: $id) {{ ... on Finding {{ {FIELDS} }} }} }}"
SUBMIT = """mutation($input: FollowUpInput!) { submitFollowUp(input: $input) {
  citizenId period visitDate entryDate status returned income otherIncome location employerName visitor remarks name
  laborer { name } provenance { source table key } } }"""


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def ruled(request: pytest.FixtureRequest, tmp_path: Any, serve: Servers) -> Iterator[RuledHub]:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'store.db'}"
    else:
        url = request.getfixturevalue("new_postgres_database")("mutations")
    with ruled_hand_hub(url, serve) as hub:
        yield hub


def finding_id(hub: Hub, rule: str, household: str, period: str) -> str:
    query = "query($rule: [RuleCode!], $period: Period) { findings(rule: $rule, period: $period) { nodes { id "
    query += "householdNo } } }"
    nodes = hub.query(query, {"rule": [rule], "period": period})["findings"]["nodes"]
    [found] = [node["id"] for node in nodes if node["householdNo"] == household]
    return found


def errors(hub: Hub, query: str, variables: dict[str, Any], key: str | None = None) -> list[str]:
    payload = hub.post(query, variables, key=key).json()
    assert payload.get("errors"), payload
    return [error["message"] for error in payload["errors"]]


def rows(hub: RuledHub) -> dict[str, int]:
    """Row counts of every table a write could touch."""
    tables = ("findings", "followups", "sync_runs", "dirty_marks", "person_names", "employment")
    return {table: hub.count(f"SELECT COUNT(*) FROM {table}") for table in tables}


def test_acknowledge_then_a_rerun_keeps_the_acknowledgement(ruled: RuledHub) -> None:
    zero = finding_id(ruled, "ZERO_EMPLOYMENT_HOUSEHOLD", H2, "2024-05")
    done = ruled.query(ACKNOWLEDGE, {"id": zero, "note": "村干部已上门"})["acknowledgeFinding"]
    assert (done["id"], done["status"], done["acknowledgedBy"], done["note"]) == (
        zero,
        "ACKNOWLEDGED",
        "findings-test",
        "村干部已上门",
    )
    assert done["acknowledgedAt"] is not None and done["resolvedAt"] is None
    run_rules(ruled.engine)
    again = ruled.query(FINDING, {"id": zero})["node"]
    assert again == done
    acknowledged = ruled.query("{ findings(status: [ACKNOWLEDGED]) { totalCount nodes { id } } }")["findings"]
    assert acknowledged == {"totalCount": 1, "nodes": [{"id": zero}]}


def test_resolve_with_the_measure_taken_and_a_note(ruled: RuledHub) -> None:
    zero = finding_id(ruled, "ZERO_EMPLOYMENT_HOUSEHOLD", H2, "2024-05")
    variables = {"id": zero, "measure": "已推荐至兴国县富民电子厂就业", "note": "钱二已到岗"}
    done = ruled.query(RESOLVE, variables)["resolveFinding"]
    assert {key: done[key] for key in ("status", "resolvedBy", "measureTaken", "note", "resolvedByRun")} == {
        "status": "RESOLVED",
        "resolvedBy": "findings-test",
        "measureTaken": "已推荐至兴国县富民电子厂就业",
        "note": "钱二已到岗",
        "resolvedByRun": False,
    }
    assert done["household"] == {"householdNo": H2} and done["resolvedAt"] is not None
    run_rules(ruled.engine)  # it still holds in the data, but a person resolved it: it stays resolved
    assert ruled.query(FINDING, {"id": zero})["node"]["status"] == "RESOLVED"
    stats = ruled.query('{ regionStats(code: "360732", period: "2024-05") { findingsByRule { rule findings } } }')
    counts = {row["rule"]: row["findings"] for row in stats["regionStats"]["findingsByRule"]}
    assert counts["ZERO_EMPLOYMENT_HOUSEHOLD"] == 0


def test_an_acknowledged_finding_can_be_resolved_but_nothing_twice(ruled: RuledHub) -> None:
    zero = finding_id(ruled, "ZERO_EMPLOYMENT_HOUSEHOLD", H2, "2024-05")
    ruled.query(ACKNOWLEDGE, {"id": zero})
    [again] = errors(ruled, ACKNOWLEDGE, {"id": zero})
    assert again.startswith(f"argument id: {zero!r} is not valid; expected a finding that can be acknowledged")
    assert "is ACKNOWLEDGED; only an OPEN finding can be acknowledged" in again
    [blank] = errors(ruled, RESOLVE, {"id": zero, "measure": "  "})
    assert blank.startswith("argument measureTaken: '  ' is not valid; expected the measure that was taken")
    assert ruled.query(FINDING, {"id": zero})["node"]["status"] == "ACKNOWLEDGED"
    ruled.query(RESOLVE, {"id": zero, "measure": "已安排公益性岗位"})
    before = rows(ruled)
    [twice] = errors(ruled, RESOLVE, {"id": zero, "measure": "再次处理"})
    assert twice.startswith(f"argument id: {zero!r} is not valid; expected a finding that can be resolved")
    assert "is already RESOLVED" in twice
    [late] = errors(ruled, ACKNOWLEDGE, {"id": zero})
    assert "is RESOLVED; only an OPEN finding can be acknowledged" in late
    assert rows(ruled) == before
    assert ruled.query(FINDING, {"id": zero})["node"]["measureTaken"] == "已安排公益性岗位"


def test_unknown_and_out_of_scope_findings_are_refused_alike(ruled: RuledHub) -> None:
    inside = finding_id(ruled, "ZERO_EMPLOYMENT_HOUSEHOLD", H2, "2024-05")  # 兴国县: outside 瑞金's scope
    gone = ruled.query("{ findings(first: 1, rule: [SHARED_BANK_ACCOUNT]) { nodes { id } } }")["findings"]["nodes"]
    gone_id = gone[0]["id"]
    with ruled.engine.begin() as connection:
        connection.execute(text("DELETE FROM findings WHERE rule = 'SHARED_BANK_ACCOUNT'"))
    [unknown] = errors(ruled, ACKNOWLEDGE, {"id": gone_id})
    [outside] = errors(ruled, ACKNOWLEDGE, {"id": inside}, key=ruled.scoped_key)
    [outside_resolve] = errors(ruled, RESOLVE, {"id": inside, "measure": "x"}, key=ruled.scoped_key)
    expected = "is not valid; expected the id of an existing finding; there is no finding with this id"
    assert unknown == f"argument id: {gone_id!r} {expected}"
    assert outside == outside_resolve == f"argument id: {inside!r} {expected}"
    assert ruled.query(FINDING, {"id": inside})["node"]["status"] == "OPEN"
    household = ruled.query(f'{{ household(householdNo: "{H1}") {{ id }} }}')["household"]["id"]
    [wrong_type] = errors(ruled, ACKNOWLEDGE, {"id": household})
    assert (
        wrong_type
        == f"argument id: {household!r} is not valid; expected the id of a Finding, as its id field returns it"
    )


def test_a_scoped_client_acts_on_findings_in_its_region(ruled: RuledHub) -> None:
    scoped = ruled.scoped()
    ids = scoped.query('{ findings(rule: [ZERO_EMPLOYMENT_HOUSEHOLD], period: "2024-05") { nodes { id } } }')
    [node] = ids["findings"]["nodes"]
    done = scoped.query(ACKNOWLEDGE, {"id": node["id"]})["acknowledgeFinding"]
    assert (done["status"], done["acknowledgedBy"]) == ("ACKNOWLEDGED", SCOPED_CLIENT)


def visit(**changes: Any) -> dict[str, Any]:
    values = {
        "citizenId": P4[:6] + P4[8:17],  # the 15-digit spelling: the caliber upgrades it
        "period": "2024-06",
        "visitDate": "2024年6月18日",
        "status": "OUT_OF_PROVINCE",
        "income": "4200",
        "location": " 广东东莞 ",
        "employerName": "东莞市某电子厂",
        "visitor": "李干部",
        "name": "钱二",
    }
    return {**values, **changes}


def test_submit_follow_up_records_a_visit_the_next_resolution_uses(ruled: RuledHub) -> None:
    before = ruled.query(
        f'{{ laborer(citizenId: "{P4}") {{ followUps(period: "2024-06") {{ visitDate }} '
        f'employment(period: "2024-06") {{ status }} }} }}'
    )["laborer"]
    assert before == {"followUps": [], "employment": None}
    stored = ruled.query(SUBMIT, {"input": visit()})["submitFollowUp"]
    today = datetime.now(timezone(timedelta(hours=8))).date().isoformat()
    assert stored == {
        "citizenId": P4,
        "period": "2024-06",
        "visitDate": "2024-06-18",
        "entryDate": today,
        "status": "OUT_OF_PROVINCE",
        "returned": False,
        "income": "4200.00",
        "otherIncome": None,
        "location": "广东东莞",
        "employerName": "东莞市某电子厂",
        "visitor": "李干部",
        "remarks": None,
        "name": "钱二",
        "laborer": {"name": "钱二"},
        "provenance": {"source": "API", "table": "followups", "key": f"findings-test|{P4}|2024-06|2024-06-18"},
    }
    assert ruled.count("SELECT COUNT(*) FROM dirty_marks WHERE kind = 'period' AND key = '2024-06'") == 1
    assert ruled.count("SELECT COUNT(*) FROM sync_runs WHERE sources = 'api' AND status = 'succeeded'") == 1
    corrected = ruled.query(SUBMIT, {"input": visit(income="4300.5", remarks="更正收入")})["submitFollowUp"]
    assert (corrected["income"], corrected["remarks"]) == ("4300.50", "更正收入")
    assert ruled.count("SELECT COUNT(*) FROM followups WHERE source = 'api'") == 1
    caliber = load_caliber()
    resolve(
        ruled.engine,
        followup_precedence=list(caliber.precedence("employment_status")),
        name_precedence=list(caliber.precedence("name")),
    )
    after = ruled.query(
        f'{{ laborer(citizenId: "{P4}") {{ followUps(period: "2024-06") {{ visitDate income provenance {{ source }} }} '
        f'employment(period: "2024-06") {{ status income provenance {{ source table }} }} }} }}'
    )["laborer"]
    assert after == {
        "followUps": [{"visitDate": "2024-06-18", "income": "4300.50", "provenance": {"source": "API"}}],
        "employment": {
            "status": "OUT_OF_PROVINCE",
            "income": "4300.50",
            "provenance": {"source": "API", "table": "followups"},
        },
    }
    run_rules(ruled.engine)
    missing = ruled.query(
        f'{{ laborer(citizenId: "{P4}") {{ findings(status: [RESOLVED]) {{ rule period resolvedByRun }} }} }}'
    )["laborer"]["findings"]
    assert missing == [{"rule": "FOLLOWUP_MISSING", "period": "2024-06", "resolvedByRun": True}]


def test_a_submitted_visit_counts_in_the_next_rule_run_before_any_sync(ruled: RuledHub) -> None:
    missing = f'{{ laborer(citizenId: "{P4}") {{ findings(status: [OPEN, RESOLVED]) {{ rule period status }} }} }}'
    before = ruled.query(missing)["laborer"]["findings"]
    assert {"rule": "FOLLOWUP_MISSING", "period": "2024-06", "status": "OPEN"} in before
    ruled.query(SUBMIT, {"input": visit()})
    run_rules(ruled.engine)
    after = ruled.query(missing)["laborer"]["findings"]
    assert {"rule": "FOLLOWUP_MISSING", "period": "2024-06", "status": "RESOLVED"} in after
    assert ruled.count("SELECT COUNT(*) FROM dirty_marks WHERE kind = 'period' AND key = '2024-06'") == 1


@pytest.mark.parametrize(
    ("changes", "named", "says"),
    [
        # refused by the CitizenId and EmploymentStatus types (the caliber's normalizer, its code list)
        ({"citizenId": P4[:-1] + ("0" if P4[-1] != "0" else "1")}, "invalid value at .citizenId", "check digit"),
        ({"status": "WORKING_AWAY"}, "invalid value at .status", "'WORKING_AWAY' does not exist"),
        ({"period": "2024/06"}, "invalid value at .period", "YYYY-MM"),
        # refused by the caliber's normalizers in the resolver
        ({"visitDate": "2024-02-30"}, "argument input.visitDate: '2024-02-30'", "is not a real date"),
        ({"entryDate": "6/20/2024"}, "argument input.entryDate: '6/20/2024'", "is not a date spelling"),
        ({"income": "-5"}, "argument input.income:", "negative"),
        ({"visitor": "李" * 51}, "argument input.visitor:", "at most 50 characters"),
        ({"citizenId": P8}, f"argument input.citizenId: {P8!r}", "a registered household member in your region"),
    ],
)
def test_submit_follow_up_refuses_what_the_caliber_refuses(
    ruled: RuledHub, changes: dict[str, Any], named: str, says: str
) -> None:
    before = rows(ruled)
    [message] = errors(ruled, SUBMIT, {"input": visit(**changes)})
    assert named in message and says in message, message
    assert rows(ruled) == before


def test_a_scoped_client_submits_for_its_own_region_only(ruled: RuledHub) -> None:
    before = rows(ruled)
    [message] = errors(ruled, SUBMIT, {"input": visit()}, key=ruled.scoped_key)
    assert message.startswith("argument input.citizenId:") and "in your region" in message
    assert rows(ruled) == before
    stored = ruled.scoped().query(SUBMIT, {"input": visit(citizenId=P7, name=None, entryDate="2024-06-25")})
    assert stored["submitFollowUp"]["entryDate"] == "2024-06-25"
    assert stored["submitFollowUp"]["provenance"]["key"] == f"{SCOPED_CLIENT}|{P7}|2024-06|2024-06-18"


def test_normalize_checks_status_against_the_caliber_code_list() -> None:
    submission = FollowUpSubmission(citizen_id=P4, period="2024-06", visit_date="2024-06-18", status="WORKING_AWAY")
    with pytest.raises(QueryError, match=r"^argument input.status: 'WORKING_AWAY' is not valid; expected an "):
        normalize(submission, client="c")
    record = normalize(
        FollowUpSubmission(
            citizen_id=P4, period="202406", visit_date="2024.6.18", status="UNEMPLOYED", income=Decimal("0")
        ),
        client="c" * 200,
    )
    assert (record.period, record.visit_date.isoformat(), record.income) == ("2024-06", "2024-06-18", Decimal("0.00"))
    assert len(record.provenance.key) <= 128 and record.provenance.source == "api"


def test_writes_are_audited_with_their_write_scope(ruled: RuledHub) -> None:
    ruled.query(SUBMIT.replace("mutation(", "mutation RecordVisit(", 1), {"input": visit()})
    finding = finding_id(ruled, "ZERO_EMPLOYMENT_HOUSEHOLD", H2, "2024-05")
    ruled.query(ACKNOWLEDGE.replace("mutation(", "mutation Triage(", 1), {"id": finding, "note": "已电话联系"})
    # four rows: the visit, the two people finding_id's listing showed, the acknowledgement; waiting for
    # fewer returned before the acknowledgement was flushed (a flaky KeyError in CI)
    logged = access_log(ruled, "findings-test", expected=4)
    by_operation = {row.operation: (row.citizen_id, set(row.field_groups.split(","))) for row in logged}
    assert by_operation["RecordVisit"] == (P4, {"employment", "followups:write", "pii", "registry"})
    # a household's finding is logged against its head (钱二 heads H2)
    assert by_operation["Triage"] == (P4, {"findings", "findings:write", "pii"})


@pytest.mark.parametrize(
    ("scope", "mutation", "variables"),
    [
        ("followups:write", SUBMIT, {"input": visit()}),
        ("findings:write", ACKNOWLEDGE, {"id": "x"}),
    ],
)
def test_each_write_needs_its_scope(ruled: RuledHub, scope: str, mutation: str, variables: dict[str, Any]) -> None:
    before = rows(ruled)
    _, key = new_client(ruled, ",".join(s for s in SCOPES if s != scope))
    payload = ruled.post(mutation, variables, key=key).json()
    assert payload["data"] is None
    assert {error["extensions"]["scope"] for error in payload["errors"]} == {scope}
    assert rows(ruled) == before
