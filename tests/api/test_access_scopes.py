"""Scopes over real HTTP: each one with and without, refused before anything is read."""

from __future__ import annotations

from typing import Any

import pytest

from hub.auth.scopes import SCOPES
from tests.api.clients import new_client
from tests.api.conftest import Hub
from tests.api.data import H1, P1, V1

#: A query only the scope opens, and the field path its refusal names.
NEEDS: dict[str, tuple[str, str]] = {
    "registry:read": (f'{{ household(householdNo: "{H1}") {{ householdNo }} }}', "Query.household"),
    "employment:read": ('{ monthlyEmployment(period: "2024-05") { totalCount } }', "Query.monthlyEmployment"),
    "payments:read": (f'{{ payment(voucher: "{V1}") {{ amount }} }}', "Query.payment"),
    "pii:read": (f'{{ regions(first: 1) {{ totalCount }} laborer(citizenId: "{P1}") {{ name }} }}', "citizenId"),
    "clients:admin": ("{ clients { name scopes } }", "Query.clients"),
    "findings:read": ('{ findings(period: "2024-05") { totalCount } }', "Query.findings"),
    "audit:read": (
        f'{{ accessLog(citizenId: "{P1}") {{ totalCount }} }}',
        "Query.accessLog",
    ),
}


def _without(scope: str) -> str:
    return ",".join(s for s in SCOPES if s != scope)


@pytest.mark.parametrize("scope", sorted(NEEDS))
def test_each_scope_opens_its_part_of_the_graph(hub: Hub, scope: str, statements: list[str]) -> None:
    query, path = NEEDS[scope]
    _, allowed = new_client(hub, ",".join(SCOPES))
    hub.query(query, key=allowed)

    _, denied = new_client(hub, _without(scope))
    statements.clear()
    payload = hub.post(query, key=denied).json()
    assert payload["data"] is None
    [error] = payload["errors"]
    assert error["extensions"] == {"code": "FORBIDDEN", "scope": scope}
    assert path in error["message"] and f"needs the scope {scope}" in error["message"]
    # refused before execution: the only statement is the key lookup
    assert all("FROM clients" in statement for statement in statements), statements


def test_a_scope_protects_its_type_wherever_it_hangs(hub: Hub) -> None:
    _, key = new_client(hub, "registry:read,employment:read")
    query = f"""{{ household(householdNo: "{H1}") {{ householdNo
        members {{ name payments {{ voucher }} employment(period: "2024-05") {{ status }} }} }} }}"""
    payload = hub.post(query, key=key).json()
    assert payload["data"] is None
    assert [e["message"] for e in payload["errors"]] == [
        "Laborer.payments (Payment) needs the scope payments:read, which client "
        f"{payload['errors'][0]['message'].split(chr(39))[1]!r} does not hold"
    ]


def test_counts_and_statistics_need_the_scope_of_what_they_count(hub: Hub) -> None:
    _, key = new_client(hub, "registry:read,employment:read")
    errors = hub.post(
        '{ payments { totalCount } regionStats(code: "36", period: "2024-05") { laborers subsidiesPaidTotal } }',
        key=key,
    ).json()["errors"]
    assert sorted(e["extensions"]["scope"] for e in errors) == ["payments:read", "payments:read"]
    assert any("RegionStats.subsidiesPaidTotal" in e["message"] for e in errors)


def test_a_node_of_a_type_out_of_scope_is_null_with_an_error(hub: Hub) -> None:
    payment_id = hub.query(f'{{ payment(voucher: "{V1}") {{ id }} }}')["payment"]["id"]
    household_id = hub.query(f'{{ household(householdNo: "{H1}") {{ id }} }}')["household"]["id"]
    _, key = new_client(hub, "registry:read")
    payload = hub.post(
        "query($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }", {"ids": [payment_id, household_id]}, key=key
    ).json()
    assert payload["data"]["nodes"] == [None, {"__typename": "Household", "id": household_id}]
    [error] = payload["errors"]
    assert error["extensions"] == {"code": "FORBIDDEN", "scope": "payments:read"}
    assert error["path"] == ["nodes", 0]


PII_VARIABLES: list[tuple[str, dict[str, Any]]] = [
    ("query($c: CitizenId!) { laborer(citizenId: $c) { name } }", {"c": P1}),
    ("query($c: CitizenId) { payments(beneficiaryCitizenId: $c) { totalCount } }", {"c": P1}),
    (f'{{ payments(beneficiaryCitizenId: "{P1}") {{ totalCount }} }}', {}),
]


@pytest.mark.parametrize(("query", "variables"), PII_VARIABLES)
def test_identifier_filters_need_pii_read_in_literals_and_variables(
    hub: Hub, query: str, variables: dict[str, Any]
) -> None:
    _, plain = new_client(hub, _without("pii:read"))
    payload = hub.post(query, variables, key=plain).json()
    assert payload["data"] is None
    assert payload["errors"][0]["extensions"] == {"code": "FORBIDDEN", "scope": "pii:read"}
    _, full = new_client(hub, ",".join(SCOPES))
    hub.query(query, variables, key=full)


def test_a_null_identifier_filter_needs_no_pii_read(hub: Hub) -> None:
    _, plain = new_client(hub, _without("pii:read"))
    data = hub.query(
        "query($c: CitizenId) { payments(beneficiaryCitizenId: $c) { totalCount } }", {"c": None}, key=plain
    )
    assert data["payments"]["totalCount"] == 7


def test_the_refusal_is_the_same_whether_the_person_exists_or_not(hub: Hub) -> None:
    _, plain = new_client(hub, _without("pii:read"))
    query = "query($c: CitizenId!) { laborer(citizenId: $c) { name } }"
    existing = hub.post(query, {"c": P1}, key=plain).json()
    unknown = hub.post(query, {"c": "11010519491231002X"}, key=plain).json()
    assert existing == unknown


def test_introspection_only_for_clients_allowed_it(hub: Hub) -> None:
    query = "{ __schema { queryType { name } } }"
    _, closed = new_client(hub, ",".join(SCOPES))
    [error] = hub.post(query, key=closed).json()["errors"]
    assert error["message"].startswith("introspection (__schema) is not enabled for client")
    _, opened = new_client(hub, "registry:read", introspection=True)
    assert hub.query(query, key=opened) == {"__schema": {"queryType": {"name": "Query"}}}
    assert hub.query("{ __typename }", key=closed) == {"__typename": "Query"}


def test_a_field_hidden_in_fragments_is_refused_all_the_same(hub: Hub) -> None:
    _, key = new_client(hub, "registry:read")
    query = f"""query {{ household(householdNo: "{H1}") {{ ...Family }} }}
        fragment Family on Household {{ members {{ ... on Laborer {{ ...Money }} }} }}
        fragment Money on Laborer {{ payments {{ voucher }} }}"""
    payload = hub.post(query, key=key).json()
    assert payload["data"] is None
    assert [error["extensions"]["scope"] for error in payload["errors"]] == ["payments:read"]
