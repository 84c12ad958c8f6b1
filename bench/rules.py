"""Benchmark: every rule over a generated set, on SQLite and PostgreSQL (``make bench-rules``).

Generates the sources once and syncs them once into a SQLite store (both cached under ``.hub/bench/``),
then copies that store into a throwaway PostgreSQL server (``COPY``: the same rows a sync writes, far
faster than syncing again; then ``VACUUM ANALYZE``, as a store in service would be) and runs all rules
on each engine, printing per-rule query and store times. Figures go into ``docs/benchmarks.md`` by hand.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import time
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from typing import Any

import psycopg
from sqlalchemy import text

from bench import remove_sqlite_store
from graph.rules import RunReport, load_rule_config, run_rules
from graph.store import Store, schema
from hub.sync import sync
from tests.support.postgres import create_database, postgres_server
from tests.support.sources import SourceSet

CACHE = Path(".hub/bench")
BATCH = 20_000
FINDINGS = ("finding_candidates", "findings", "finding_runs")


def prepare(scale: str, seed: int, months: int | None) -> tuple[SourceSet, str]:
    """The generated sources and a SQLite store synced from them, both made only once."""
    from synth import generate

    folder = CACHE / (f"{scale}-seed{seed}" + (f"-{months}m" if months else ""))
    if not (folder / "truth.json").exists():
        started = time.perf_counter()
        generate(folder, scale=scale, seed=seed, months=months)
        print(f"generated {scale} sources in {time.perf_counter() - started:.0f} s", flush=True)
    sources = SourceSet(folder)
    database, done = folder / "store.db", folder / "store.synced"
    if not done.exists():
        remove_sqlite_store(database)
        started = time.perf_counter()
        store = Store.open(f"sqlite:///{database}")
        connectors = sources.connectors()
        try:
            sync(store, connectors)
        finally:
            for connector in connectors:
                connector.close()
            store.close()
        done.write_text(f"{time.perf_counter() - started:.0f} s\n", encoding="utf-8")
        print(f"synced into SQLite in {done.read_text().strip()}", flush=True)
    return sources, f"sqlite:///{database}"


def _rows(database: Path, table: str, columns: list[str]) -> Iterator[tuple[Any, ...]]:
    with closing(sqlite3.connect(database)) as source:
        cursor = source.execute(f"SELECT {', '.join(columns)} FROM {table}")
        while batch := cursor.fetchmany(BATCH):
            yield from batch


def copy_store(sqlite_url: str, postgres_url: str) -> int:
    """Copy every table of the SQLite store into a freshly migrated PostgreSQL store; returns rows copied."""
    database = Path(sqlite_url.removeprefix("sqlite:///"))
    Store.open(postgres_url).close()
    target = Store(postgres_url)
    copied = 0
    conninfo = postgres_url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(conninfo) as connection:
        for name, table in schema.Base.metadata.tables.items():
            if name == "regions" or name in FINDINGS:
                continue  # regions are loaded by Store.open; findings are what the benchmark makes
            columns = [column.name for column in table.columns]
            quoted = ", ".join(f'"{column}"' for column in columns)
            with connection.cursor() as cursor, cursor.copy(f'COPY "{name}" ({quoted}) FROM STDIN') as copy:
                for row in _rows(database, name, columns):
                    copy.write_row(row)
                    copied += 1
        with connection.cursor() as cursor:
            for name, table in schema.Base.metadata.tables.items():
                identity = [c.name for c in table.primary_key.columns if c.autoincrement is True]
                for column in identity:
                    cursor.execute(
                        f"SELECT setval(pg_get_serial_sequence('{name}', '{column}'), "
                        f"COALESCE((SELECT MAX({column}) FROM {name}), 0) + 1, false)"
                    )
    connection = psycopg.connect(conninfo, autocommit=True)
    with closing(connection):
        connection.execute("VACUUM ANALYZE")
    target.close()
    return copied


def run(url: str, workers: int) -> tuple[RunReport, float]:
    """A first run: the findings tables are emptied, so every finding is new."""
    store = Store(url)
    config = load_rule_config({"engine": {"workers": workers}})
    try:
        with store.engine.begin() as connection:
            if store.engine.dialect.name == "postgresql":
                # emptied without dead rows: deleted ones would have autovacuum clean up during the run
                connection.execute(text(f"TRUNCATE {', '.join(FINDINGS)}"))
            else:
                for name in FINDINGS:
                    connection.execute(text(f"DELETE FROM {name}"))
        started = time.perf_counter()
        report = run_rules(store.engine, config=config)
        return report, time.perf_counter() - started
    finally:
        store.close()


def table_sizes(url: str) -> dict[str, int]:
    store = Store(url)
    try:
        names = {"people", "households", "employment", "employment_reports", "followups", "payments"}
        return {name: count for name, count in store.table_counts().items() if name in names}
    finally:
        store.close()


def show(engine: str, report: RunReport, seconds: float) -> dict[str, Any]:
    print(f"\n{engine}: all rules in {seconds:.1f} s ({len(report.months)} months)")
    print(f"{'rule':38s} {'findings':>9s} {'query s':>8s} {'store s':>8s}")
    for result in report.results:
        print(f"{result.rule:38s} {result.holding:9,d} {result.query_seconds:8.1f} {result.store_seconds:8.1f}")
    rules = {r.rule: [r.holding, r.query_seconds, r.store_seconds] for r in report.results}
    return {"seconds": round(seconds, 1), "rules": rules}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", default="province")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--months", type=int, default=14, help="14: two months have a year-earlier month; 0: the scale's default"
    )
    parser.add_argument("--workers", type=int, default=2, help="rules queried at a time")
    parser.add_argument("--skip-postgres", action="store_true")
    args = parser.parse_args()
    _, sqlite_url = prepare(args.scale, args.seed, args.months or None)
    sizes = table_sizes(sqlite_url)
    print(json.dumps(sizes))
    results: dict[str, Any] = {"scale": args.scale, "months": args.months, "rows": sizes}
    report, seconds = run(sqlite_url, args.workers)
    results["sqlite"] = show("SQLite", report, seconds)
    if not args.skip_postgres:
        with postgres_server() as base:
            url = create_database(base, "rules")
            started = time.perf_counter()
            copied = copy_store(sqlite_url, url)
            print(f"\ncopied {copied:,} rows into PostgreSQL in {time.perf_counter() - started:.0f} s", flush=True)
            report, seconds = run(url, args.workers)
            results["postgresql"] = show("PostgreSQL", report, seconds)
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
