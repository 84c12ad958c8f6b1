"""Bad input gets an error naming the argument, the bad value and what was expected; internal ones are masked."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from sqlalchemy import text

from graph.store import Store
from hub.auth.clients import add_client
from hub.resolvers.pages import PageLimits
from tests.api.conftest import Hub, Servers
from tests.api.data import P1


def test_wrong_check_digit_names_the_argument(hub: Hub) -> None:
    wrong = P1[:17] + ("0" if P1[17] != "0" else "1")
    [message] = hub.errors(f'{{ laborer(citizenId: "{wrong}") {{ name }} }}')
    assert message.startswith("argument citizenId: ")
    assert f"citizen ID '{wrong}' ends in '{wrong[17]}'" in message
    assert f"check digit '{P1[17]}'" in message
    [message] = hub.errors("query($id: CitizenId!) { laborer(citizenId: $id) { name } }", {"id": "3607321980"})
    assert message.startswith("Variable '$id' has invalid value")
    assert "expected 18 characters" in message


@pytest.mark.parametrize("period", ["2024/05", "2024-5", "202405", "2024-13", "May 2024"])
def test_unknown_period_format(hub: Hub, period: str) -> None:
    [message] = hub.errors(f'{{ laborers(period: "{period}") {{ totalCount }} }}')
    assert message.startswith("argument period: ")
    assert f"'{period}' is not a period; expected a month written YYYY-MM" in message
    [message] = hub.errors('query($p: Period!) { regionStats(code: "36", period: $p) { laborers } }', {"p": period})
    assert message.startswith("Variable '$p' has invalid value")
    assert "expected a month written YYYY-MM" in message


def test_page_over_the_cap(hub: Hub) -> None:
    response = hub.post("{ households(first: 4) { totalCount } }")
    payload = response.json()
    assert payload["data"] is None
    [error] = payload["errors"]
    assert "path" not in error  # refused before execution: nothing was read
    assert error["extensions"] == {"code": "LIMIT_EXCEEDED", "limit": "page_cap"}
    assert error["message"] == (
        "argument first: 4 is not valid; expected at most 3 (the page cap); ask for 3 and follow pageInfo.endCursor"
    )


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (
            "{ laborers(employmentStatus: [WORKSHOP]) { totalCount } }",
            "argument employmentStatus: ['WORKSHOP'] is not valid; expected a period argument as well",
        ),
        ("{ laborers(returned: true) { totalCount } }", "argument returned: True is not valid; expected a period"),
        (
            '{ households(after: "bm90IGEgY3Vyc29y") { totalCount } }',
            "argument after: 'bm90IGEgY3Vyc29y' is not valid; expected a cursor from this Household list",
        ),
        ('{ node(id: "bm9wZQ==") { id } }', "argument id: 'bm9wZQ==' is not valid; expected a global ID"),
        # an ID forged from a citizen ID is no ID: global IDs are sealed, a client can neither read nor make one
        (
            '{ node(id: "TGFib3JlcjozNjA3MzIxOTgyMDMxNTAwMjM=") { id } }',
            "argument id: 'TGFib3JlcjozNjA3MzIxOTgyMDMxNTAwMjM=' is not valid; expected a global ID",
        ),
        (
            '{ employer(creditCode: "91360732MA35ABCDE0") { name } }',
            "argument creditCode: '91360732MA35ABCDE0' is not valid; expected a valid unified social credit code",
        ),
        (
            '{ households(regionCode: "36x") { totalCount } }',
            "argument regionCode: '36x' is not valid; expected a division code or its prefix",
        ),
        ("{ households(first: -1) { totalCount } }", "argument first: -1 is not valid; expected a page size from 0 up"),
        ("{ laborer(citizenId: 5) { name } }", "argument citizenId: "),
    ],
)
def test_argument_errors(hub: Hub, query: str, expected: str) -> None:
    [message] = hub.errors(query)
    assert message.startswith(expected), message


def test_internal_errors_are_masked(tmp_path: Path, serve: Servers) -> None:
    store = Store.open(f"sqlite:///{tmp_path}/broken.db")
    key = add_client(store.engine, "t", "registry:read")
    with store.engine.begin() as connection:
        connection.execute(text("DROP TABLE households"))
    url = serve(store.engine, PageLimits())
    response = httpx.post(
        f"{url}/graphql", json={"query": "{ households { totalCount } }"}, headers={"Authorization": f"Bearer {key}"}
    )
    [error] = response.json()["errors"]
    assert error["message"].startswith("internal error (reference ")
    assert "households" not in error["message"] and "sqlite" not in error["message"].lower()
    serve.stop(url)
    store.close()
