"""Running the rules: one recorded run, one transaction per rule (find, add measures, merge).

A rule either replaces its findings for the run's months completely or, failing, leaves them as they
were; the run records its scope, the thresholds it used and per-rule counts and times.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor, as_completed
from contextlib import suppress
from dataclasses import asdict, dataclass

from sqlalchemy import Connection, Engine, select

from graph.rules.config import RuleConfig, load_rule_config
from graph.rules.definitions import RULES
from graph.rules.dialect import Dialect
from graph.rules.findings import Merged, find, merge, now, stage
from graph.rules.measures import load_run_offers, suggest_measures
from graph.rules.measures.offers import Offers
from graph.rules.periods import Scope, months_in, periods_checked
from graph.rules.rule import Rule, RuleContext
from graph.store import schema

type Progress = Callable[[Rule, str], None]
"""``progress(rule, phase)`` with phase 'staging' (its query ended), 'measures', 'storing' or 'done'."""


@dataclass(frozen=True, slots=True)
class RuleResult:
    rule: str
    holding: int
    new: int
    resolved: int
    with_measures: int
    #: from submitting the rule until its findings were stored (rules overlap when workers > 1)
    seconds: float
    #: the rule's own query, and storing what it found (measures included)
    query_seconds: float = 0.0
    store_seconds: float = 0.0


@dataclass(frozen=True, slots=True)
class RunReport:
    run: int
    scope: str
    months: tuple[str, ...]
    results: tuple[RuleResult, ...]


def run_rules(
    engine: Engine,
    *,
    rules: Sequence[Rule] = RULES,
    scope: Scope | None = None,
    config: RuleConfig | None = None,
    progress: Progress | None = None,
) -> RunReport:
    """Run ``rules`` over the store for ``scope`` (default: all periods checked) and store the findings.

    The rules' queries run ``engine.workers`` (configuration) at a time, each on its own connection (they
    only read); what they find is staged with its measures as each query ends, then merged into ``findings``
    rule by rule in order, each merge in one transaction.
    """
    config = config or load_rule_config()
    scope = scope or Scope()
    severities = {rule.code: config.severity_of(rule.code) for rule in rules}
    report = progress or (lambda _rule, _phase: None)
    run = _start(engine, rules, scope, config)
    results: list[RuleResult] = []
    try:
        with engine.connect() as connection:
            checked = periods_checked(connection)
        months = tuple(months_in(scope, checked))
        context = RuleContext(Dialect(engine.dialect.name), config, months, checked, scope)
        with ThreadPoolExecutor(max_workers=config.engine.workers, thread_name_prefix="rule") as pool:
            queries = {
                pool.submit(_find, engine, rule, context): (position, rule, time.perf_counter())
                for position, rule in enumerate(rules)
            }
            try:
                offers: Offers | None = None
                if context.months and any(rule.alert for rule in rules):
                    # while the first queries run, load what the alert rules' measures draw on
                    with engine.connect() as connection:
                        offers = load_run_offers(connection, context)
                _store_in_order(engine, run, context, queries, severities, report, offers, results)
            except BaseException:  # marked: queries not started yet are dropped, then the error goes on
                for query in queries:
                    query.cancel()
                with suppress(Exception):  # marked: best effort, the error that stopped the run goes on
                    _drop_staged(engine, run)
                raise
    except BaseException:  # marked: the run is recorded as failed, then the error goes on
        _finish(engine, run, "failed", results)
        raise
    _finish(engine, run, "finished", results)
    return RunReport(run, str(scope), tuple(str(month) for month in months), tuple(results))


def _find(engine: Engine, rule: Rule, context: RuleContext) -> tuple[list[tuple[object, ...]], float]:
    started = time.perf_counter()
    settings = context.config.engine
    with engine.connect() as connection:
        _postgres_settings(connection, context)
        if not context.dialect.postgres:
            connection.exec_driver_sql(f"PRAGMA mmap_size = {settings.sqlite_mmap_bytes}")
        rows = find(connection, rule.query(context))
    return rows, time.perf_counter() - started


def _postgres_settings(connection: Connection, context: RuleContext) -> None:
    """On PostgreSQL, the transaction's memory per sort or hash, parallel workers and JIT (``[engine]``)."""
    if not context.dialect.postgres:
        return
    settings = context.config.engine
    connection.exec_driver_sql(f"SET LOCAL work_mem = '{settings.postgres_work_mem}'")
    connection.exec_driver_sql(f"SET LOCAL max_parallel_workers_per_gather = {int(settings.postgres_parallel_workers)}")
    connection.exec_driver_sql(f"SET LOCAL jit = {'on' if settings.postgres_jit else 'off'}")


@dataclass(frozen=True, slots=True)
class _Prepared:
    """A rule's findings staged with their measures (committed), waiting for their turn to be merged."""

    rule: Rule
    submitted: float
    query_seconds: float
    prepare_seconds: float
    with_measures: int


def _store_in_order(
    engine: Engine,
    run: int,
    context: RuleContext,
    queries: dict[Future[tuple[list[tuple[object, ...]], float]], tuple[int, Rule, float]],
    severities: dict[str, str],
    report: Progress,
    offers: Offers | None,
    results: list[RuleResult],
) -> None:
    """Stage each rule's findings (measures included) as soon as its query ends, and merge them into
    ``findings`` in the rules' order.

    Staging is most of the storing (a province's zero-employment measures take a quarter of the run), and
    in the rules' order it would wait for the slowest first query; merged in that order, findings keep
    their ids in the rules' order and a failing rule stops the same rules as before: the ones before it
    are merged, the ones after it are not (their staged rows are dropped), then its error goes on.
    """
    prepared: dict[int, _Prepared] = {}
    merged = 0
    failed: tuple[int, BaseException] | None = None
    for query in as_completed(queries):
        position, rule, submitted = queries[query]
        if failed is not None and position > failed[0]:
            continue
        try:
            report(rule, "staging")
            prepared[position] = _prepare(engine, run, rule, context, query.result(), submitted, report, offers)
        except Exception as error:  # marked: the rules before it are still merged, then it goes on
            failed = (position, error)
        while merged in prepared and (failed is None or merged < failed[0]):
            results.append(_merge(engine, run, prepared.pop(merged), context, severities, report))
            merged += 1
        if failed is not None and merged == failed[0]:
            raise failed[1]


def _prepare(
    engine: Engine,
    run: int,
    rule: Rule,
    context: RuleContext,
    found: tuple[list[tuple[object, ...]], float],
    submitted: float,
    report: Progress,
    offers: Offers | None,
) -> _Prepared:
    rows, query_seconds = found
    started = time.perf_counter()
    with engine.begin() as connection:
        _postgres_settings(connection, context)
        stage(connection, run, rule, rows)
        with_measures = 0
        if rule.alert:
            report(rule, "measures")
            with_measures = suggest_measures(connection, run, rule, context, offers)
    return _Prepared(rule, submitted, query_seconds, time.perf_counter() - started, with_measures)


def _merge(
    engine: Engine, run: int, staged: _Prepared, context: RuleContext, severities: dict[str, str], report: Progress
) -> RuleResult:
    rule = staged.rule
    report(rule, "storing")
    started = time.perf_counter()
    with engine.begin() as connection:
        _postgres_settings(connection, context)
        merged: Merged = merge(connection, run, rule, context.scope, severities[rule.code])
    finished = time.perf_counter()
    report(rule, "done")
    return RuleResult(
        rule.code,
        merged.holding,
        merged.new,
        merged.resolved,
        staged.with_measures,
        seconds=round(finished - staged.submitted, 3),
        query_seconds=round(staged.query_seconds, 3),
        store_seconds=round(staged.prepare_seconds + finished - started, 3),
    )


def _drop_staged(engine: Engine, run: int) -> None:
    """A failed run's findings staged but never merged."""
    candidates = schema.FindingCandidate.__table__
    with engine.begin() as connection:
        connection.execute(candidates.delete().where(candidates.c.run == run))


def _start(engine: Engine, rules: Sequence[Rule], scope: Scope, config: RuleConfig) -> int:
    runs = schema.FindingRun.__table__
    with engine.begin() as connection:
        inserted = connection.execute(
            runs.insert().values(
                started_at=now(),
                status="running",
                rules=",".join(rule.code for rule in rules),
                scope=str(scope),
                config=json.dumps(config.as_json(), ensure_ascii=False),
            )
        )
        return int(inserted.inserted_primary_key[0])


def _finish(engine: Engine, run: int, status: str, results: list[RuleResult]) -> None:
    runs = schema.FindingRun.__table__
    stats = {result.rule: asdict(result) for result in results}
    with engine.begin() as connection:
        connection.execute(
            runs.update()
            .where(runs.c.id == run)
            .values(finished_at=now(), status=status, stats=json.dumps(stats, ensure_ascii=False))
        )


def latest_run(engine: Engine) -> int | None:
    runs = schema.FindingRun.__table__
    with engine.connect() as connection:
        return connection.execute(
            select(runs.c.id).where(runs.c.status == "finished").order_by(runs.c.id.desc()).limit(1)
        ).scalar_one_or_none()
