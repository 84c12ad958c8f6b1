"""A real GraphQL client (gql over httpx) talks to the hub: it introspects the schema and validates against it."""

from __future__ import annotations

import pytest
from gql import Client, GraphQLRequest, gql
from gql.transport.exceptions import TransportQueryError
from gql.transport.httpx import HTTPXTransport
from graphql import GraphQLError

from tests.api.conftest import Hub
from tests.api.data import H2, P4


def _client(hub: Hub) -> Client:
    transport = HTTPXTransport(url=f"{hub.url}/graphql", headers={"Authorization": f"Bearer {hub.key}"})
    return Client(transport=transport, fetch_schema_from_transport=True)


def test_gql_client_queries_with_variables(hub: Hub) -> None:
    request = GraphQLRequest(
        """query Household($no: String!, $period: Period!) {
             household(householdNo: $no) { status zeroEmployment(period: $period)
               members { citizenId employment(period: $period) { status } } } }""",
        variable_values={"no": H2, "period": "2024-05"},
    )
    with _client(hub) as session:
        result = session.execute(request)
        assert session.client.schema is not None
        assert session.client.schema.get_type("Laborer") is not None
    assert result["household"]["status"] == "UNSTABLE"
    assert result["household"]["zeroEmployment"] is True
    assert {"citizenId": P4, "employment": {"status": "UNEMPLOYED"}} in result["household"]["members"]


def test_gql_client_validates_against_the_introspected_schema(hub: Hub) -> None:
    with _client(hub) as session:
        with pytest.raises(GraphQLError, match="Cannot query field 'salary' on type 'Laborer'"):
            session.execute(gql('{ laborer(citizenId: "x") { salary } }'))
        with pytest.raises(TransportQueryError, match="argument first: 9 is not valid; expected at most 3"):
            session.execute(gql("{ households(first: 9) { totalCount } }"))
