"""Abuse limits and trusted documents over real HTTP: refused with a clear reason before the store is read."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from hub.auth.documents import document_hash, register_document
from hub.auth.limits import QueryLimits
from hub.auth.scopes import SCOPES
from hub.resolvers.pages import PageLimits
from tests.api.clients import new_client
from tests.api.conftest import Hub, Servers
from tests.api.data import H1, P1

ALL = ",".join(SCOPES)
TIGHT = QueryLimits(max_depth=4, max_aliases=3, max_cost=50, page_cap=3, default_page=2, list_factor=10)


@pytest.fixture(scope="module")
def tight(hub: Hub, serve: Servers) -> Iterator[Hub]:
    """The same store served with small limits, so each one is easy to cross."""
    url = serve(hub.engine, PageLimits(default=2, cap=3), query_limits=TIGHT)
    yield Hub(url, hub.key, hub.engine)
    serve.stop(url)


def _refusal(hub: Hub, query: str, statements: list[str]) -> dict[str, object]:
    statements.clear()
    payload = hub.post(query).json()
    assert payload["data"] is None
    assert all("FROM clients" in statement for statement in statements), "the store was read"
    [error] = payload["errors"]
    return error


def test_too_deep_is_refused(tight: Hub, statements: list[str]) -> None:
    query = (
        f'{{ household(householdNo: "{H1}") {{ head {{ household {{ head {{ household {{ householdNo }} }} }} }} }} }}'
    )
    error = _refusal(tight, query, statements)
    assert error["message"] == (
        "query depth 6 is over the limit of 4; nest fewer levels, or fetch the deeper objects in a second query"
    )
    assert error["extensions"] == {"code": "LIMIT_EXCEEDED", "limit": "depth", "value": 6, "maximum": 4}


def test_alias_bombing_is_refused(tight: Hub, statements: list[str]) -> None:
    aliases = " ".join(f'a{n}: household(householdNo: "{H1}") {{ householdNo }}' for n in range(4))
    error = _refusal(tight, f"{{ {aliases} }}", statements)
    assert error["message"].startswith("query aliases 4 is over the limit of 3")


def test_an_over_costly_query_is_refused(tight: Hub, statements: list[str]) -> None:
    query = "{ households(first: 3) { nodes { members { payments { voucher amount } } } } }"
    error = _refusal(tight, query, statements)
    assert error["extensions"]["limit"] == "cost"
    assert error["message"].startswith("query cost ")
    tight.query("{ households(first: 1) { nodes { householdNo } } }")  # a modest one still runs


def test_a_page_over_the_cap_given_in_a_variable_is_refused(tight: Hub, statements: list[str]) -> None:
    statements.clear()
    payload = tight.post("query($n: Int) { households(first: $n) { totalCount } }", {"n": 50}).json()
    assert payload["errors"][0]["extensions"] == {"code": "LIMIT_EXCEEDED", "limit": "page_cap"}
    assert all("FROM clients" in statement for statement in statements)


def test_trusted_only_clients_run_registered_documents_only(hub: Hub) -> None:
    document = "query Registered($c: CitizenId!) { laborer(citizenId: $c) { name } }"
    digest = register_document(hub.engine, document)
    assert digest == document_hash(document)
    _, key = new_client(hub, ALL, trusted_only=True)
    headers = {"Authorization": f"Bearer {key}"}
    assert hub.query(document, {"c": P1}, key=key) == {"laborer": {"name": "赵大"}}
    by_hash = httpx.post(
        f"{hub.url}/graphql",
        json={"variables": {"c": P1}, "extensions": {"persistedQuery": {"version": 1, "sha256Hash": digest}}},
        headers=headers,
    )
    assert by_hash.json() == {"data": {"laborer": {"name": "赵大"}}}
    other = hub.post("{ households { totalCount } }", key=key)
    assert other.status_code == 403
    assert "may run registered operations only" in other.text
    unknown = httpx.post(
        f"{hub.url}/graphql", json={"extensions": {"persistedQuery": {"sha256Hash": "0" * 64}}}, headers=headers
    )
    assert unknown.status_code == 400 and "PersistedQueryNotFound" in unknown.text


def test_other_clients_may_send_a_registered_document_by_hash(hub: Hub) -> None:
    document = "query Count { households { totalCount } }"
    digest = register_document(hub.engine, document)
    _, key = new_client(hub, ALL)
    response = httpx.post(
        f"{hub.url}/graphql",
        json={"extensions": {"persistedQuery": {"version": 1, "sha256Hash": digest}}},
        headers={"Authorization": f"Bearer {key}"},
    )
    assert response.json()["data"]["households"]["totalCount"] > 0


def test_graphiql_can_be_switched_off(hub: Hub, serve: Servers) -> None:
    url = serve(hub.engine, PageLimits(), graphiql=False)
    try:
        page = httpx.get(f"{url}/graphql", headers={"Accept": "text/html"})
        assert page.status_code == 404
        assert "graphiql" not in page.text.lower()
    finally:
        serve.stop(url)
    assert "graphiql" in httpx.get(f"{hub.url}/graphql", headers={"Accept": "text/html"}).text.lower()


def test_secrets_never_appear_in_answers(hub: Hub) -> None:
    _, key = new_client(hub, ALL)
    secret = key.rsplit("_", 1)[1]
    wrong = key[:-3] + "abc"
    refused = hub.post("{ viewer { name } }", key=wrong)
    assert refused.status_code == 401
    assert secret not in refused.text and wrong.rsplit("_", 1)[1] not in refused.text
    viewer = hub.query("{ viewer { name scopes regionPrefix } }", key=key)
    assert secret not in str(viewer)
