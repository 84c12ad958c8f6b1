"""The service over HTTP: authentication first, GraphiQL, GET and POST, status codes and media types."""

from __future__ import annotations

from typing import Any

import httpx
from sqlalchemy import text

from graph.store import Store
from hub.auth.clients import add_client, revoke, rotate_key
from tests.api.conftest import Hub

VIEWER = "{ viewer { name scopes regionPrefix } }"


def test_no_key_gets_401_and_reads_nothing(hub: Hub, statements: list[str]) -> None:
    for headers in (
        {},
        {"Authorization": "Basic dXNlcjpwYXNz"},
        {"Authorization": "Bearer hub_nothex_x"},
        {"Authorization": "Bearer hub_0123456789abcdef_wrongsecret"},
    ):
        response = httpx.post(f"{hub.url}/graphql", json={"query": "{ households { totalCount } }"}, headers=headers)
        assert response.status_code == 401
        assert response.headers["www-authenticate"] == 'Bearer realm="hub"'
        assert response.headers["content-type"] == "application/json"
        assert response.json()["errors"][0]["message"]
        assert "data" not in response.json()
    assert all("clients" in statement and "households" not in statement for statement in statements)


def test_unknown_and_malformed_keys_say_what_to_send(hub: Hub) -> None:
    missing = httpx.post(f"{hub.url}/graphql", json={"query": VIEWER}).json()["errors"][0]["message"]
    assert missing == "missing API key; send the header 'Authorization: Bearer <key>'"
    wrong = hub.post(VIEWER, key="hub_0123456789abcdef_nope").json()["errors"][0]["message"]
    assert wrong == "invalid or revoked API key"


def test_revocation_and_rotation_act_at_once(hub: Hub) -> None:
    key = add_client(hub.engine, "county-hr-360732", "registry:read,employment:read", "360732")
    assert hub.query(VIEWER, key=key)["viewer"] == {
        "name": "county-hr-360732",
        "scopes": ["employment:read", "registry:read"],
        "regionPrefix": "360732",
    }
    new_key = rotate_key(hub.engine, "county-hr-360732")
    assert hub.post(VIEWER, key=key).status_code == 401
    assert hub.query(VIEWER, key=new_key)["viewer"]["name"] == "county-hr-360732"
    revoke(hub.engine, "county-hr-360732")
    assert hub.post(VIEWER, key=new_key).status_code == 401


def test_a_region_scoped_client_sees_its_region_only(hub: Hub) -> None:
    key = add_client(hub.engine, "county-360781", "registry:read,employment:read,payments:read", "360781")
    data = hub.query(
        """{ households(first: 3) { totalCount } laborers { totalCount }
             payments(first: 3) { totalCount nodes { voucher } }
             regionStats(code: "36", period: "2024-05") { laborers employed }
             household(householdNo: "360732100201001") { householdNo }
             quarantine { totalCount } }""",
        key=key,
    )
    assert data["households"]["totalCount"] == 1
    assert data["laborers"]["totalCount"] == 1
    assert data["payments"] == {"totalCount": 1, "nodes": [{"voucher": "FF202405006"}]}
    assert data["regionStats"] == {"laborers": 1, "employed": 0}
    assert data["household"] is None
    assert data["quarantine"]["totalCount"] == 0


def test_graphiql_page_needs_no_key_but_queries_do(hub: Hub) -> None:
    page = httpx.get(f"{hub.url}/graphql", headers={"Accept": "text/html"})
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert "graphiql" in page.text.lower()
    query = httpx.get(f"{hub.url}/graphql", params={"query": VIEWER}, headers={"Accept": "text/html"})
    assert query.status_code == 401


def test_get_and_post(hub: Hub) -> None:
    auth = {"Authorization": f"Bearer {hub.key}"}
    by_get = httpx.get(f"{hub.url}/graphql", params={"query": VIEWER}, headers=auth)
    assert by_get.status_code == 200
    assert by_get.json()["data"]["viewer"]["name"] == "test-all"
    variables = '{"code": "360732"}'
    by_get = httpx.get(
        f"{hub.url}/graphql",
        params={"query": "query($code: String!) { region(code: $code) { name } }", "variables": variables},
        headers=auth,
    )
    assert by_get.json() == {"data": {"region": {"name": "兴国县"}}}


def _post(hub: Hub, body: Any, accept: str | None, **kwargs: Any) -> httpx.Response:
    headers = {"Authorization": f"Bearer {hub.key}"}
    if accept is not None:
        headers["Accept"] = accept
    return httpx.post(f"{hub.url}/graphql", json=body, headers=headers, **kwargs)


def test_media_types_and_status_codes(hub: Hub) -> None:
    modern = "application/graphql-response+json, application/json;q=0.9"
    ok = _post(hub, {"query": VIEWER}, modern)
    assert (ok.status_code, ok.headers["content-type"]) == (200, "application/graphql-response+json")
    for bad in ("{ viewer {", "{ nope }"):
        refused = _post(hub, {"query": bad}, modern)
        assert (refused.status_code, refused.headers["content-type"]) == (400, "application/graphql-response+json")
        legacy = _post(hub, {"query": bad}, "application/json")
        assert (legacy.status_code, legacy.headers["content-type"]) == (200, "application/json")
        assert legacy.json()["errors"]
    partial = _post(hub, {"query": '{ viewer { name } node(id: "x") { id } }'}, modern)
    assert partial.status_code == 200 and partial.json()["data"]["viewer"]["name"] == "test-all"
    assert _post(hub, {"query": VIEWER}, "text/plain").status_code == 406
    not_json = httpx.post(
        f"{hub.url}/graphql",
        content=b"{not json",
        headers={"Authorization": f"Bearer {hub.key}", "Content-Type": "application/json"},
    )
    assert not_json.status_code == 400
    assert httpx.put(f"{hub.url}/graphql", headers={"Authorization": f"Bearer {hub.key}"}).status_code == 405
    no_query = _post(hub, {"variables": {}}, "application/json")
    assert no_query.status_code == 400


def test_healthz_checks_the_store(hub: Hub, tmp_path: Any, serve: Any) -> None:
    ok = httpx.get(f"{hub.url}/healthz")
    assert (ok.status_code, ok.json()) == (200, {"status": "ok", "store": "ok"})
    store = Store.open(f"sqlite:///{tmp_path}/gone.db")
    url = serve(store.engine, None)
    with store.engine.begin() as connection:
        connection.execute(text("DROP TABLE regions"))
    broken = httpx.get(f"{url}/healthz")
    assert broken.status_code == 503
    assert broken.json()["status"] == "unavailable"
    serve.stop(url)
    store.close()
