"""The access log over real HTTP: exactly whose data each request returned, by which operation."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import select

from hub.auth.scopes import SCOPES
from hub.resolvers.pages import PageLimits
from tests.api.clients import ACCESS_LOG, access_log, new_client
from tests.api.conftest import Hub, Servers
from tests.api.data import H1, P1, P4

ALL = ",".join(SCOPES)

CASE_REVIEW = """query CaseReview {
  households(first: 3, regionCode: "360732") { nodes { householdNo headCitizenId
    members { citizenId payments { voucher payeeCitizenId beneficiaryCitizenId } } } }
}"""
#: The same reads through Strawberry's executor (the look-ahead executor does not compile directives).
CASE_REVIEW_STRAWBERRY = CASE_REVIEW.replace("query CaseReview {", "query CaseReview($yes: Boolean = true) {").replace(
    "{ nodes {", "{ nodes @include(if: $yes) {"
)


def _expected(data: dict[str, Any], *, pii: bool) -> dict[str, set[str]]:
    """Whose data the response holds, by field group, computed from the response itself."""
    groups: dict[str, set[str]] = {}
    for household in data["households"]["nodes"]:
        groups.setdefault(household["headCitizenId"], set()).add("registry")
        for member in household["members"]:
            groups.setdefault(member["citizenId"], set()).add("registry")
            for payment in member["payments"]:
                for person in (payment["payeeCitizenId"], payment["beneficiaryCitizenId"]):
                    if person:
                        groups.setdefault(person, set()).add("payments")
    if pii:
        for found in groups.values():
            found.add("pii")
    return groups


@pytest.mark.parametrize("query", [CASE_REVIEW, CASE_REVIEW_STRAWBERRY], ids=["lookahead", "strawberry"])
def test_every_person_read_through_nested_lists_is_logged_exactly(hub: Hub, query: str) -> None:
    name, key = new_client(hub, ALL)
    data = hub.query(query, key=key)
    expected = _expected(data, pii=True)
    assert len(expected) >= 6  # three households: heads, members, payees
    rows = access_log(hub, name, expected=len(expected))
    assert {row.citizen_id: set(row.field_groups.split(",")) for row in rows} == expected
    assert {row.operation for row in rows} == {"CaseReview"}
    assert len({row.request_id for row in rows}) == 1
    assert len(rows) == len(expected)  # one entry per person per request


def test_a_masked_read_is_logged_without_the_pii_group(hub: Hub) -> None:
    name, key = new_client(hub, ",".join(s for s in SCOPES if s != "pii:read"))
    hub.query(f'query Visit {{ household(householdNo: "{H1}") {{ householdNo }} }}', key=key)
    [row] = access_log(hub, name, expected=1)
    assert (row.citizen_id, row.field_groups, row.operation) == (P1, "registry", "Visit")


def test_reads_of_no_one_log_nothing(hub: Hub) -> None:
    name, key = new_client(hub, ALL)
    hub.query("{ regions(first: 3) { totalCount } employers { nodes { name } } households { totalCount } }", key=key)
    assert access_log(hub, name) == []


def test_refused_operations_log_nothing(hub: Hub) -> None:
    name, key = new_client(hub, "registry:read")
    assert hub.post(f'{{ household(householdNo: "{H1}") {{ members {{ payments {{ voucher }} }} }} }}', key=key).json()[
        "errors"
    ]
    assert access_log(hub, name) == []


def test_access_log_answers_who_looked_at_a_person(hub: Hub) -> None:
    reader, reader_key = new_client(hub, ALL)
    hub.query(
        f'query HomeVisitPlanning {{ laborer(citizenId: "{P4}") {{ name }} }}',
        key=reader_key,
    )
    access_log(hub, reader, expected=1)
    auditor, auditor_key = new_client(hub, "audit:read,pii:read")
    data = hub.query(
        "query($c: CitizenId!, $who: String) { accessLog(citizenId: $c, client: $who) "
        "{ totalCount nodes { client operation citizenId fieldGroups at requestId } } }",
        {"c": P4, "who": reader},
        key=auditor_key,
    )
    [entry] = data["accessLog"]["nodes"]
    assert data["accessLog"]["totalCount"] == 1
    assert (entry["client"], entry["operation"], entry["citizenId"]) == (reader, "HomeVisitPlanning", P4)
    assert entry["fieldGroups"] == ["pii", "registry"]
    # reading the log is itself a read of the person's data
    [logged] = access_log(hub, auditor, expected=1)
    assert (logged.citizen_id, logged.field_groups) == (P4, "audit,pii")


def test_a_clean_shutdown_loses_no_entry(hub: Hub, serve: Servers) -> None:
    url = serve(hub.engine, PageLimits(default=2, cap=3))
    name, key = new_client(hub, ALL)
    served = Hub(url, key, hub.engine)
    for _ in range(20):
        served.query(f'query Burst {{ laborer(citizenId: "{P1}") {{ name }} }}')
    serve.stop(url)  # the lifespan's shutdown drains the writer; no waiting after it
    with hub.engine.connect() as connection:
        logged = connection.execute(select(ACCESS_LOG.c.id).where(ACCESS_LOG.c.client == name)).all()
    assert len(logged) == 20


@pytest.mark.parametrize("hub", ["sqlite"], indirect=True)  # the command reads the same rows on PostgreSQL
def test_hub_audit_exports_the_log(
    hub: Hub, run_hub: Callable[..., subprocess.CompletedProcess[str]], tmp_path: Any
) -> None:
    name, key = new_client(hub, ALL)
    hub.query(f'query Export {{ laborer(citizenId: "{P1}") {{ name }} }}', key=key)
    access_log(hub, name, expected=1)
    store = hub.engine.url.render_as_string(hide_password=False)
    result = run_hub("audit", "--store", store, "--client", name, "--citizen-id", P1.lower(), check=True)
    [line] = result.stdout.splitlines()
    entry = json.loads(line)
    assert (entry["client"], entry["citizen_id"], entry["operation"]) == (name, P1, "Export")
    out = tmp_path / "audit.csv"
    run_hub("audit", "--store", store, "--client", name, "--format", "csv", "--out", str(out), check=True)
    assert out.read_text(encoding="utf-8").splitlines()[0] == "at,client,operation,request_id,citizen_id,field_groups"
