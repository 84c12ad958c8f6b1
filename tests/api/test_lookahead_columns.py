"""The look-ahead executor selects only the columns a level reads, and still masks, audits and scopes alike.

Each test runs the same operation in-process through the look-ahead executor itself (so a fallback to
Strawberry would fail the test) and through Strawberry's executor, and compares what the client gets
and whose reads are noted.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest
from graphql import GraphQLError, parse
from sqlalchemy import event

from hub.auth.access import Access, serving
from hub.auth.audit import AuditTrail
from hub.auth.scopes import SCOPES
from hub.auth.sealing import Sealer
from hub.auth.viewer import Viewer
from hub.resolvers.context import RequestContext
from hub.resolvers.entities import LABORER
from hub.resolvers.pages import PageLimits
from hub.resolvers.reader import Reader, prepared
from hub.schema import build_schema
from hub.schema.lookahead import execute
from hub.schema.lookahead.leaves import column_serializer
from tests.api.conftest import Hub
from tests.api.data import H1, H4, P1, P7

ALL = frozenset(SCOPES)
WITHOUT_PII = ALL - {"pii:read"}


@dataclass
class Answer:
    data: dict[str, Any]
    trail: AuditTrail
    statements: list[str]


@contextmanager
def _statements(hub: Hub) -> Iterator[list[str]]:
    seen: list[str] = []

    def note(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        seen.append(" ".join(statement.split()))

    event.listen(hub.engine, "before_cursor_execute", note)
    try:
        yield seen
    finally:
        event.remove(hub.engine, "before_cursor_execute", note)


def _answer(hub: Hub, query: str, *, lookahead: bool, scopes: frozenset[str] = ALL, region: str = "") -> Answer:
    """The operation's data, the reads noted and the SQL run, by one executor (the look-ahead one directly)."""
    context = RequestContext.open(hub.engine, Viewer("t", scopes, region), PageLimits(default=2, cap=3))
    try:
        with serving(context.access), _statements(hub) as statements:
            if lookahead:
                data = execute(build_schema()._schema, parse(query), None, None, context)
            else:
                context.lookahead = False
                result = asyncio.run(build_schema().execute(query, context_value=context))
                assert result.errors is None, result.errors
                data = result.data
    finally:
        context.close()
    return Answer(data, context.access.trail, statements)


def _both(hub: Hub, query: str, **access: Any) -> Answer:
    """The look-ahead executor's answer, checked against Strawberry's: the same data, the same people noted."""
    compiled, reference = _answer(hub, query, lookahead=True, **access), _answer(hub, query, lookahead=False, **access)
    assert compiled.data == reference.data
    assert compiled.trail.people == reference.trail.people
    assert compiled.trail.households == reference.trail.households
    return compiled


def _selecting(statements: list[str], table: str) -> str:
    [statement] = [s for s in statements if s.startswith("SELECT") and f" FROM {table} " in f"{s} "]
    return statement


def test_a_nested_level_selects_only_what_it_reads(hub: Hub) -> None:
    answer = _both(hub, f'{{ household(householdNo: "{H1}") {{ members {{ name payments {{ voucher }} }} }} }}')
    people = _selecting(answer.statements, "people")
    # the field, the key the level was fetched by, and whose data it is (for the audit trail)
    assert {"people.name", "people.household_no", "people.citizen_id"} <= set(people.replace(",", " ").split())
    assert "people.skill_level" not in people and "people.source_updated_at" not in people
    payments = _selecting(answer.statements, "payments")
    assert "payments.payee_citizen_id" in payments and "payments.beneficiary_citizen_id" in payments
    assert "payments.account" not in payments and "payments.row_hash" not in payments


def test_fields_computed_from_columns_not_asked_for_still_work(hub: Hub) -> None:
    answer = _both(
        hub,
        """{ households(first: 3) { pageInfo { endCursor } nodes { id members { isLaborer id provenance { source key }
             employment(period: "2024-05") { id employer { name } } } } } }""",
    )
    members = [member for node in answer.data["households"]["nodes"] for member in node["members"]]
    assert any(member["isLaborer"] for member in members) and not all(member["isLaborer"] for member in members)
    assert any(member["employment"] and member["employment"]["employer"] for member in members)


def test_pruned_levels_still_mask_without_pii_read(hub: Hub) -> None:
    answer = _both(
        hub,
        f"""{{ household(householdNo: "{H1}") {{ headCitizenId phone members {{ citizenId
              payments {{ payeeCitizenId account }} }} }} }}""",
        scopes=WITHOUT_PII,
    )
    household = answer.data["household"]
    assert household["headCitizenId"] == f"{P1[:4]}**********{P1[-4:]}"
    assert household["phone"] == "138****0000"
    identifiers = [m["citizenId"] for m in household["members"]]
    identifiers += [p[k] for m in household["members"] for p in m["payments"] for k in ("payeeCitizenId", "account")]
    assert identifiers and all(value is None or "*" in value for value in identifiers)
    assert P1 not in str(answer.data)


def test_pruned_levels_note_whose_data_they_return(hub: Hub) -> None:
    """No audited column is asked for, so the levels select them for the trail alone."""
    answer = _both(hub, "{ households(first: 3) { nodes { householdNo members { name payments { voucher } } } } }")
    assert P1 in answer.trail.people["registry"]  # the head of H1, through the household's row
    assert P1 in answer.trail.people["payments"]  # a payee and beneficiary, through the payment's row


def test_pruned_levels_stay_inside_the_region(hub: Hub) -> None:
    answer = _both(
        hub,
        f"""{{ households(first: 3) {{ totalCount nodes {{ householdNo members {{ citizenId
              household {{ householdNo }} }} }} }}
              inside: laborer(citizenId: "{P7}") {{ name }} outside: laborer(citizenId: "{P1}") {{ name }} }}""",
        region="360781",
    )
    assert answer.data["households"]["totalCount"] == 1
    assert [node["householdNo"] for node in answer.data["households"]["nodes"]] == [H4]
    assert answer.data["outside"] is None and answer.data["inside"] == {"name": "周四"}


# --- the pieces --------------------------------------------------------------------------------------------


def _leaf(name: str) -> Any:
    return column_serializer(build_schema()._schema.get_type(name))  # type: ignore[arg-type]


def test_a_column_served_as_stored_is_passed_through_only_when_every_value_is() -> None:
    strings = ["a", None, "b"]
    assert _leaf("String")(strings) is strings
    assert _leaf("String")(["a", 5, None]) == ["a", "5", None]  # graphql-core's serializer, value by value
    assert _leaf("Period")(["2024-05"]) == ["2024-05"]
    assert _leaf("Boolean")([True, None]) == [True, None]
    assert _leaf("Int")([1, 2]) == [1, 2]
    with pytest.raises(GraphQLError):
        _leaf("Int")([1, 2**40])
    assert _leaf("LaborCategory")(["NORMAL", None]) == ["NORMAL", None]
    with pytest.raises(GraphQLError):  # not a code of the list: an error, as Strawberry would report it
        _leaf("LaborCategory")(["NORMAL", "NO_SUCH_CODE"])
    assert _leaf("Department")(["hr", None]) == ["HR", None]  # served under another name
    assert _leaf("Money")([Decimal("1.5"), None]) == ["1.50", None]


def test_masking_scalars_always_run_their_serializers() -> None:
    column = [P1, None]
    with serving(_access(WITHOUT_PII)):
        assert _leaf("CitizenId")(column) == [f"{P1[:4]}**********{P1[-4:]}", None]
    with serving(_access(ALL)):
        assert _leaf("CitizenId")(column) == [P1, None]


def _access(scopes: frozenset[str]) -> Access:
    return Access(Viewer("t", scopes), Sealer(bytes(64)))


def test_a_prepared_statement_is_built_once_per_shape_and_region(hub: Hub) -> None:
    built: list[tuple[str, str]] = []

    @prepared
    def statement(reader: Reader, column: str) -> Any:
        built.append((reader.region_prefix, column))
        return reader.select(LABORER, reader.keys_in(LABORER.table.c[column]), columns=frozenset({column}))

    everyone, county = Reader(hub.engine), Reader(hub.engine, region_prefix="360781")
    try:
        assert statement(everyone, "citizen_id") is statement(everyone, "citizen_id")
        assert statement(county, "citizen_id") is not statement(everyone, "citizen_id")
        assert built == [("", "citizen_id"), ("360781", "citizen_id")]
        assert sorted(row.citizen_id for row in everyone.rows(statement(everyone, "citizen_id"), [P1, P7])) == [P1, P7]
        assert [row.citizen_id for row in county.rows(statement(county, "citizen_id"), [P1, P7])] == [P7]
    finally:
        everyone.close()
        county.close()


def test_selecting_a_column_an_entity_lacks_is_refused(hub: Hub) -> None:
    with pytest.raises(ValueError, match="no columns"):
        Reader(hub.engine).select(LABORER, columns=frozenset({"citizen_id", "salary"}))
