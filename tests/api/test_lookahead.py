"""The look-ahead executor answers exactly what Strawberry answers, for every field it compiles."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from graphql import parse

from hub.auth.access import serving
from hub.auth.viewer import Viewer
from hub.resolvers.context import RequestContext
from hub.resolvers.errors import QueryError
from hub.resolvers.pages import PageLimits
from hub.schema import build_schema
from hub.schema.lookahead import Unsupported, execute
from hub.schema.lookahead.relations import COMPUTED, RELATED
from tests.api.conftest import Hub
from tests.api.data import E1, E2, H1, P5, P6, V3

QUERIES: list[tuple[str, dict[str, Any] | None]] = [
    (
        """query($period: Period!) { households(first: 3) { totalCount __typename
             pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
             edges { cursor node { id householdNo status headName village { code name level parent { code }
               children { code } } } }
             nodes { householdNo zeroEmployment(period: $period) head { name }
               provenance { source table key sourceUpdatedAt }
               members { id __typename citizenId name sex birthDate isLaborer laborCategory willingness isStudent
                 employment(period: $period) { id period status income returned employer { name creditCode }
                   laborer { citizenId } }
                 payments { voucher amount status effective coveredPeriod paidOn beneficiary { citizenId }
                   payee { name } } } } } }""",
        {"period": "2024-05"},
    ),
    (
        """query($id: CitizenId!) { laborer(citizenId: $id) { citizenId household { householdNo }
             history: employmentHistory(from: "2024-01", to: "2024-12") { period status }
             all: employmentHistory { period }
             followUps { period status returned visitDate entryDate income provenance { source key }
               laborer { citizenId } household { householdNo } village { code } }
             june: followUps(period: "2024-06") { id }
             returnEvents { id period laborer { citizenId } reportedBy { visitDate } }
             transport: payments(subsidyType: [TRANSPORT]) { voucher reverses { voucher } reversal { voucher
               } county { name } }
             publicWelfarePosts { id } trainings { id } } }""",
        {"id": P6[:6] + P6[8:17]},
    ),
    (
        f"""{{ employer(creditCode: "{E2}") {{ name county {{ code }} employees(period: "2024-05") {{
          citizenId status }}
              postings {{ title }} payments {{ voucher payeeEmployer {{ creditCode }} }} payments2:
                payments(period: "2024-05",
              subsidyType: [EMPLOYER_HIRING]) {{ voucher }} workshops {{ code name village {{ code }}
                operator {{ name }}
              laborers(period: "2024-05") {{ citizenId }} }} }}
            e1: employer(creditCode: "{E1.lower()}") {{ postings {{ title wageMin employer {{ name }} }} }}
            workshop(code: " FPCJ0001 ") {{ status }}
            payment(voucher: "{V3}") {{ voucher effective }}
            region(code: "360732100") {{ name children {{ code }} }} }}""",
        None,
    ),
    (
        """fragment who on Laborer { citizenId name }
           query People { laborers(first: 3, period: "2024-05", employed: true) { nodes { ...who ... on Laborer {
             trainings { id trainingType certified laborer { ...who } } publicWelfarePosts { postName laborer
               { citizenId }
             village { code } } } } }
           posts: publicWelfarePosts { nodes { id postName monthlySubsidy laborer { name } } }
           wages: minimumWages { nodes { countyCode monthlyAmount county { name } } }
           events: returnEvents { edges { node { id period laborer { name } } } }
           postings: jobPostings { nodes { id title employer { name } } } }""",
        None,
    ),
    (
        f"""{{ followUps(first: 3, period: "2024-05") {{ nodes {{ id citizenId laborer {{ name }} }} }}
             monthlyEmployment(period: "2024-05", first: 3) {{ nodes {{ id citizenId status employer {{ name }} }} }}
             payments(first: 3, effective: true) {{ nodes {{ voucher beneficiary {{ citizenId }} }} }}
             employers {{ nodes {{ creditCode name }} }} workshops {{ nodes {{ code }} }} regions(parentCode:
               "360732100") {{ nodes {{ code }} }}
             trainings {{ nodes {{ id institution }} }}
             one: household(householdNo: "{H1}") {{ householdNo }} none: household(householdNo: "nope") {{
               householdNo }}
             l5: laborer(citizenId: "{P5}") {{ publicWelfarePosts {{ postName }} }} }}""",
        None,
    ),
]


@pytest.fixture(scope="module")
def reference(hub: Hub, serve: Any) -> Iterator[Hub]:
    """The same store served with the look-ahead executor off: Strawberry answers everything."""
    served = serve(hub.engine, PageLimits(default=2, cap=3), lookahead=False)
    yield Hub(served, hub.key, hub.engine)
    serve.stop(served)


def _compiled(hub: Hub, query: str, variables: dict[str, Any] | None) -> Any:
    viewer = Viewer("t", frozenset({"pii:read"}))
    context = RequestContext.open(hub.engine, viewer, PageLimits(default=2, cap=3))
    try:
        with serving(context.access):
            return execute(build_schema()._schema, parse(query), None, variables, context)
    finally:
        context.close()


@pytest.mark.parametrize("number", range(len(QUERIES)))
def test_same_answer_as_strawberry(hub: Hub, reference: Hub, number: int) -> None:
    query, variables = QUERIES[number]
    expected = reference.query(query, variables)
    assert _compiled(hub, query, variables) == expected  # answered by the executor itself, not a fallback
    assert hub.query(query, variables) == expected


def test_every_compiled_field_is_exercised() -> None:
    text = " ".join(query for query, _ in QUERIES)
    missing = [f"{t}.{f}" for t, f in (*RELATED, *COMPUTED) if f"{f}" not in text]
    assert missing == []


@pytest.mark.parametrize(
    "query",
    [
        '{ regionStats(code: "36", period: "2024-05") { laborers } }',
        "{ laborers { nodes { conflicts { element } } } }",
        "{ laborers { nodes { name @include(if: true) } } }",
        '{ node(id: "x") { id } }',
        "{ households(first: 9) { totalCount } }",
    ],
)
def test_what_it_does_not_compile_it_leaves_to_strawberry(hub: Hub, reference: Hub, query: str) -> None:
    with pytest.raises((Unsupported, QueryError)):
        _compiled(hub, query, None)
    assert hub.post(query).json() == reference.post(query).json()


def test_introspection_is_left_to_strawberry(hub: Hub) -> None:
    data = hub.query('{ __schema { queryType { name } } __type(name: "Laborer") { name } }')
    assert data == {"__schema": {"queryType": {"name": "Query"}}, "__type": {"name": "Laborer"}}
