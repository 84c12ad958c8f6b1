"""Running the rules: one recorded run, one transaction per rule (find, add measures, merge).

A rule either replaces its findings for the run's months completely or, failing, leaves them as they
were; the run records its scope, the thresholds it used and per-rule counts and times.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, replace

from sqlalchemy import Engine, select

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
"""``progress(rule, phase)`` with phase 'finding', 'measures', 'storing' or 'done'."""


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
    only read); what they find is stored rule by rule, in order, each rule in one transaction.
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
            found = [(rule, time.perf_counter(), pool.submit(_find, engine, rule, context)) for rule in rules]
            try:
                offers: Offers | None = None
                if context.months and any(rule.alert for rule in rules):
                    # while the first queries run, load what the alert rules' measures draw on
                    with engine.connect() as connection:
                        offers = load_run_offers(connection, context)
                for rule, submitted, rows in found:
                    report(rule, "finding")
                    stored = _store(engine, run, rule, context, rows.result(), severities[rule.code], report, offers)
                    results.append(replace(stored, seconds=round(time.perf_counter() - submitted, 3)))
                    report(rule, "done")
            except BaseException:  # marked: queries not started yet are dropped, then the error goes on
                for _, _, rows in found:
                    rows.cancel()
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
        if context.dialect.postgres:
            connection.exec_driver_sql(f"SET LOCAL work_mem = '{settings.postgres_work_mem}'")
            connection.exec_driver_sql(
                f"SET LOCAL max_parallel_workers_per_gather = {int(settings.postgres_parallel_workers)}"
            )
        else:
            connection.exec_driver_sql(f"PRAGMA mmap_size = {settings.sqlite_mmap_bytes}")
        rows = find(connection, rule.query(context))
    return rows, time.perf_counter() - started


def _store(
    engine: Engine,
    run: int,
    rule: Rule,
    context: RuleContext,
    found: tuple[list[tuple[object, ...]], float],
    severity: str,
    report: Progress,
    offers: Offers | None = None,
) -> RuleResult:
    rows, query_seconds = found
    started = time.perf_counter()
    with engine.begin() as connection:
        stage(connection, run, rule, rows)
        with_measures = 0
        if rule.alert:
            report(rule, "measures")
            with_measures = suggest_measures(connection, run, rule, context, offers)
        report(rule, "storing")
        merged: Merged = merge(connection, run, rule, context.scope, severity)
    store_seconds = time.perf_counter() - started
    return RuleResult(
        rule.code,
        merged.holding,
        merged.new,
        merged.resolved,
        with_measures,
        seconds=0.0,
        query_seconds=round(query_seconds, 3),
        store_seconds=round(store_seconds, 3),
    )


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
