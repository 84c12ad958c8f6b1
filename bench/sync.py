"""Benchmark: end-to-end sync throughput and peak memory (``make bench-sync``).

Generates a source set once (cached under ``.hub/bench/``), then syncs it into a fresh SQLite store and
a fresh PostgreSQL store (a throwaway server started here), and prints source rows per second and the
peak resident memory of the process and of its largest child (the sync's map worker). Figures go into
``docs/benchmarks.md`` by hand, as measured.
"""

from __future__ import annotations

import argparse
import json
import resource
import sqlite3
import time
from pathlib import Path

from bench import remove_sqlite_store
from graph.store import Store
from hub.sync import sync
from tests.support.postgres import create_database, postgres_server
from tests.support.sources import SourceSet

CACHE = Path(".hub/bench")


def source_rows(sources: SourceSet) -> int:
    total = 0
    for name in ("hr", "poverty", "finance"):
        with sqlite3.connect(sources.folder / f"{name}.db") as connection:
            tables = [r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")]
            total += sum(connection.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in tables)
    return total + int(sources.truth["counts"].get("ledger_rows", 0))


def prepare(scale: str, seed: int, months: int | None = None) -> SourceSet:
    """The generated sources, made once (the folder is named as ``bench.rules`` names it)."""
    from synth import generate

    folder = CACHE / (f"{scale}-seed{seed}" + (f"-{months}m" if months else ""))
    if not (folder / "truth.json").exists():
        started = time.perf_counter()
        generate(folder, scale=scale, seed=seed, months=months)
        print(f"generated {scale} sources in {time.perf_counter() - started:.1f} s")
    return SourceSet(folder)


def run_once(store_url: str, sources: SourceSet, rows: int) -> dict[str, float]:
    store = Store.open(store_url)
    chosen = sources.connectors()
    started = time.perf_counter()
    sync(store, chosen)
    elapsed = time.perf_counter() - started
    for connector in chosen:
        connector.close()
    counts_ok = store.counts() == sources.truth["counts"]
    store.close()
    return {"seconds": round(elapsed, 1), "rows_per_second": round(rows / elapsed), "counts_match": counts_ok}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", default="city")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--months", type=int, default=0, help="0: the scale's default (14 for bench.rules' province)")
    parser.add_argument("--skip-postgres", action="store_true")
    args = parser.parse_args()
    sources = prepare(args.scale, args.seed, args.months or None)
    rows = source_rows(sources)
    print(f"{args.scale}: {rows:,} source rows")
    results: dict[str, object] = {"scale": args.scale, "source_rows": rows}
    sqlite_path = CACHE / "store-bench.db"
    remove_sqlite_store(sqlite_path)
    results["sqlite"] = run_once(f"sqlite:///{sqlite_path}", sources, rows)
    print("sqlite:", results["sqlite"])
    if not args.skip_postgres:
        with postgres_server() as base:
            results["postgresql"] = run_once(create_database(base, "bench"), sources, rows)
        print("postgresql:", results["postgresql"])
    results["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    # the largest finished child: the sync's map worker (and, with PostgreSQL, the server's processes)
    results["peak_rss_child_mb"] = round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
