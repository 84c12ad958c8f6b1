"""The findings store across runs: identity kept, acknowledgements kept, stale findings resolved by the run."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import event, select
from sqlalchemy.exc import OperationalError

from graph.rules import Rule, Scope, load_rule_config, rule_named, run_rules
from graph.rules.actions import FindingNotFound, FindingStateError, acknowledge_finding, resolve_finding
from graph.rules.rule import Query, RuleContext
from graph.store import Store, schema
from tests.rules.sources import HandSources, citizen, synced

DUPLICATE = rule_named("DUPLICATE_PAYMENT")


def stored(store: Store, rule: str = "DUPLICATE_PAYMENT") -> dict[str, dict[str, Any]]:
    findings = schema.Finding.__table__
    with store.engine.connect() as connection:
        rows = connection.execute(select(findings).where(findings.c.rule == rule)).mappings().all()
    return {row["subject_key"]: dict(row) for row in rows}


def duplicates(hand: HandSources) -> str:
    """A member paid twice for May and twice for June; returns the member's ID."""
    member = citizen("19800101")
    hand.member(hand.household("3607321012010001"), member)
    for month in ("2024-05", "2024-06"):
        slash = month.replace("-", "/")
        hand.payment(f"A{month}", "JT01", payee=member, month=month, paid_on=f"{slash}/10")
        hand.payment(f"B{month}", "JT01", payee=member, month=month, paid_on=f"{slash}/11")
    return member


def test_a_rerun_keeps_identity_and_acknowledgement_and_resolves_what_no_longer_holds(
    hand: HandSources, store_url: str
) -> None:
    member = duplicates(hand)
    with synced(hand, store_url) as store:
        first = run_rules(store.engine, rules=[DUPLICATE])
        before = stored(store)
        assert set(before) == {"B2024-05", "B2024-06"}
        with store.engine.begin() as connection:
            acknowledge_finding(connection, before["B2024-05"]["id"], by="county-hr-360732", note="核实中")

        second = run_rules(store.engine, rules=[DUPLICATE])
        again = stored(store)
        assert {key: row["id"] for key, row in again.items()} == {key: row["id"] for key, row in before.items()}
        assert again["B2024-05"]["status"] == "ACKNOWLEDGED"
        assert again["B2024-05"]["last_seen_run"] == second.run
        assert again["B2024-05"]["found_run"] == first.run

    hand.payment("R2024-05", "JT01", payee=member, state="3", reverses="B2024-05")
    with synced(hand, store_url) as store:
        third = run_rules(store.engine, rules=[DUPLICATE])
        after = stored(store)
        assert after["B2024-05"]["status"] == "RESOLVED"
        assert after["B2024-05"]["resolved_run"] == third.run
        assert after["B2024-06"]["status"] == "OPEN"
        assert len(after) == 2
        assert third.results[0].holding == 1 and third.results[0].resolved == 1


def test_a_run_for_one_month_leaves_other_months_alone(hand: HandSources, store_url: str) -> None:
    member = duplicates(hand)
    with synced(hand, store_url) as store:
        run_rules(store.engine, rules=[DUPLICATE])
    hand.payment("R2024-05", "JT01", payee=member, state="3", reverses="B2024-05")
    hand.payment("R2024-06", "JT01", payee=member, state="3", reverses="B2024-06")
    with synced(hand, store_url) as store:
        june = run_rules(store.engine, rules=[DUPLICATE], scope=Scope.parse("2024-06"))
        after = stored(store)
        assert after["B2024-06"]["status"] == "RESOLVED" and after["B2024-06"]["resolved_run"] == june.run
        assert after["B2024-05"]["status"] == "OPEN"
        run_rules(store.engine, rules=[DUPLICATE], scope=Scope.parse("2024-01..2024-05"))
        assert stored(store)["B2024-05"]["status"] == "RESOLVED"


def test_a_finding_a_person_resolved_stays_resolved(hand: HandSources, store_url: str) -> None:
    duplicates(hand)
    with synced(hand, store_url) as store:
        run_rules(store.engine, rules=[DUPLICATE])
        finding = stored(store)["B2024-05"]["id"]
        with store.engine.begin() as connection:
            resolve_finding(connection, finding, by="county-finance", measure_taken="已追回重复发放资金")
        run_rules(store.engine, rules=[DUPLICATE])
        after = stored(store)["B2024-05"]
    assert (after["status"], after["measure_taken"], after["resolved_by"]) == (
        "RESOLVED",
        "已追回重复发放资金",
        "county-finance",
    )


def test_a_finding_a_run_resolved_reopens_when_it_holds_again(hand: HandSources, store_url: str) -> None:
    a, b = citizen("19800101"), citizen("19810101", "021")
    hand.member(hand.household("3607321012010001"), a)
    hand.member(hand.household("3607321012010002"), b)
    hand.payment("FF01", "JT01", payee=a, account="622200001111")
    hand.payment("FF02", "JT01", payee=b, account="622200001111")
    shared = rule_named("SHARED_BANK_ACCOUNT")
    stricter = load_rule_config({"thresholds": {"shared_account_households": 3}})
    with synced(hand, store_url) as store:
        run_rules(store.engine, rules=[shared])
        found = stored(store, "SHARED_BANK_ACCOUNT")["622200001111"]
        strict = run_rules(store.engine, rules=[shared], config=stricter)
        resolved = stored(store, "SHARED_BANK_ACCOUNT")["622200001111"]
        run_rules(store.engine, rules=[shared])
        reopened = stored(store, "SHARED_BANK_ACCOUNT")["622200001111"]
    assert (resolved["id"], resolved["status"], resolved["resolved_run"]) == (found["id"], "RESOLVED", strict.run)
    assert (reopened["id"], reopened["status"], reopened["resolved_run"]) == (found["id"], "OPEN", None)


def test_actions_name_the_finding_and_what_was_expected(hand: HandSources, sqlite_url: str) -> None:
    duplicates(hand)
    with synced(hand, sqlite_url) as store:
        run_rules(store.engine, rules=[DUPLICATE])
        finding = stored(store)["B2024-05"]["id"]
        with store.engine.begin() as connection:
            with pytest.raises(FindingNotFound, match=r"finding 999 does not exist; expected the id of a stored"):
                acknowledge_finding(connection, 999, by="x")
            with pytest.raises(FindingStateError, match=r"measure_taken is empty; expected the measure"):
                resolve_finding(connection, finding, by="x", measure_taken="  ")
            resolve_finding(connection, finding, by="x", measure_taken="已核实")
            with pytest.raises(FindingStateError, match=rf"finding {finding} is RESOLVED; only an OPEN finding"):
                acknowledge_finding(connection, finding, by="x")


def test_the_run_is_recorded_with_its_scope_thresholds_and_counts(hand: HandSources, sqlite_url: str) -> None:
    duplicates(hand)
    with synced(hand, sqlite_url) as store:
        report = run_rules(store.engine, rules=[DUPLICATE], scope=Scope.parse("2024-05..2024-06"))
        runs = schema.FindingRun.__table__
        with store.engine.connect() as connection:
            run = connection.execute(select(runs).where(runs.c.id == report.run)).mappings().one()
    assert run["status"] == "finished" and run["scope"] == "2024-05..2024-06"
    assert '"income_drop_percent": 30' in run["config"]
    assert '"holding": 2' in run["stats"]
    assert report.months == ("2024-05", "2024-06")


def test_a_failing_rule_leaves_the_stored_findings_and_records_the_run_as_failed(
    hand: HandSources, sqlite_url: str
) -> None:
    duplicates(hand)
    broken = Rule("BROKEN", "坏规则", "monitoring", ("voucher",), lambda _context: Query("SELECT no_such_column"))
    config = load_rule_config({"severity": {"BROKEN": "low"}})
    with synced(hand, sqlite_url) as store:
        run_rules(store.engine, rules=[DUPLICATE])
        before = stored(store)
        with pytest.raises(OperationalError, match="no_such_column"):
            run_rules(store.engine, rules=[broken, DUPLICATE], config=config)
        runs = schema.FindingRun.__table__
        with store.engine.connect() as connection:
            statuses = connection.execute(select(runs.c.status).order_by(runs.c.id)).scalars().all()
        assert stored(store) == before
        with store.engine.connect() as connection:
            staged = connection.execute(select(schema.FindingCandidate.__table__)).all()
    assert statuses == ["finished", "failed"]
    assert staged == []


def _slow_finding(context: RuleContext) -> Query:
    """One subject, found after counting to two million (a query that ends well after DUPLICATE_PAYMENT's)."""
    count = "c (x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 2000000)"
    return Query("SELECT 'SLOW', NULL, NULL, NULL, NULL, NULL, '{}' FROM (SELECT MAX(x) AS m FROM c) n", (count,))


def test_findings_are_merged_in_the_rules_order_whatever_query_ends_first(hand: HandSources, sqlite_url: str) -> None:
    duplicates(hand)
    slow = Rule("SLOW", "慢", "monitoring", ("voucher",), _slow_finding, periodic=False)
    config = load_rule_config({"severity": {"SLOW": "low"}, "engine": {"workers": 2}})
    with synced(hand, sqlite_url) as store:
        report = run_rules(store.engine, rules=[slow, DUPLICATE], config=config)
        first = stored(store, "SLOW")["SLOW"]["id"]
        duplicate_ids = [finding["id"] for finding in stored(store).values()]
    queried = {result.rule: result.query_seconds for result in report.results}
    assert queried["SLOW"] > queried["DUPLICATE_PAYMENT"]  # the slow query did end last
    assert [result.rule for result in report.results] == ["SLOW", "DUPLICATE_PAYMENT"]
    assert first < min(duplicate_ids)


def test_a_failing_rule_after_others_keeps_theirs_and_drops_what_it_staged(hand: HandSources, sqlite_url: str) -> None:
    duplicates(hand)
    broken = Rule("BROKEN", "坏规则", "monitoring", ("voucher",), lambda _context: Query("SELECT no_such_column"))
    config = load_rule_config({"severity": {"BROKEN": "low"}})
    with synced(hand, sqlite_url) as store:
        with pytest.raises(OperationalError, match="no_such_column"):
            run_rules(store.engine, rules=[DUPLICATE, broken], config=config)
        with store.engine.connect() as connection:
            staged = connection.execute(select(schema.FindingCandidate.__table__)).all()
        assert set(stored(store)) == {"B2024-05", "B2024-06"}
    assert staged == []


def _many_findings(context: RuleContext) -> Query:
    """Ten thousand subjects, whatever the store holds (a rule for the merge's sake)."""
    digits = "d (x) AS (VALUES (0), (1), (2), (3), (4), (5), (6), (7), (8), (9))"
    number = "a.x * 1000 + b.x * 100 + c.x * 10 + e.x"
    select = f"""
        SELECT 'S' || CAST({number} AS VARCHAR(10)), NULL, NULL, NULL, NULL, NULL, '{{}}'
        FROM d a CROSS JOIN d b CROSS JOIN d c CROSS JOIN d e
    """
    return Query(select, (digits,))


def _scans_per_row(plan: dict[str, Any], table: str) -> bool:
    """Whether ``table`` is scanned on the inner side of a nested loop (once per outer row)."""
    children = plan.get("Plans", [])
    if plan["Node Type"] == "Nested Loop" and len(children) == 2 and _scans(children[1], table):
        return True
    return any(_scans_per_row(child, table) for child in children)


def _scans(plan: dict[str, Any], table: str) -> bool:
    if plan["Node Type"] == "Seq Scan" and plan.get("Relation Name") == table:
        return True
    return any(_scans(child, table) for child in plan.get("Plans", []))


@pytest.mark.postgres
def test_merging_many_findings_never_scans_the_findings_once_per_candidate(
    new_postgres_database: Callable[[str], str],
) -> None:
    """A province's first run (statistics taken while ``findings`` was empty) took 1,113 s to merge 93,931
    findings: PostgreSQL scanned ``findings`` for each candidate, rows inserted so far included."""
    many = Rule("MANY", "多", "monitoring", ("voucher",), _many_findings, periodic=False)
    config = load_rule_config({"severity": {"MANY": "low"}})
    store = Store.open(new_postgres_database("merge"))
    plans: list[tuple[str, dict[str, Any]]] = []

    def explain(connection: Any, cursor: Any, statement: str, parameters: Any, _context: Any, many: bool) -> None:
        if not many and statement.lstrip().startswith(("INSERT INTO findings", "UPDATE findings")):
            cursor.execute("EXPLAIN (FORMAT JSON) " + statement, parameters)
            plans.append((statement.split()[0], cursor.fetchone()[0][0]["Plan"]))

    try:
        with store.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            for table in ("findings", "finding_candidates"):
                connection.exec_driver_sql(f"VACUUM ANALYZE {table}")
        event.listen(store.engine, "before_cursor_execute", explain)
        first = run_rules(store.engine, rules=[many], config=config)
        again = run_rules(store.engine, rules=[many], config=config)
    finally:
        event.remove(store.engine, "before_cursor_execute", explain)
        store.close()
    assert (first.results[0].new, again.results[0].new, again.results[0].holding) == (10_000, 0, 10_000)
    assert {kind for kind, _ in plans} == {"INSERT", "UPDATE"}
    assert [kind for kind, plan in plans if _scans_per_row(plan, "findings")] == []
