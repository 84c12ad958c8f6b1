"""Benchmark: what SQLite alone costs to hold a synced store's rows (``make bench-floor``).

Copies every table of a synced store (by default the one ``make bench-sync`` leaves) into an empty store of
the same schema with ``INSERT … SELECT`` from the attached store, builds its indexes, and inserts the
resolved monthly employment in key order: the store's own work with no Python in the row path (no
source to read, nothing to normalize, no driver to bind values). A sync can not be faster on this machine
than this floor plus what it must do besides (read and normalize the sources, compute the resolution).
"""

from __future__ import annotations

import argparse
import sqlite3
import time
from pathlib import Path

from bench import remove_sqlite_store
from graph.store.engine import PAGE_SIZE

CACHE = Path(".hub/bench")
DERIVED = ("employment", "person_months", "conflicts", "alembic_version")
"""Tables the floor leaves out of the copy: the resolution's, written last (``employment``) or not at all."""


def floor(source: Path, target: Path, page_size: int = PAGE_SIZE) -> dict[str, float]:
    """Seconds for the copies, the index builds and the employment insert; prints the slower steps."""
    remove_sqlite_store(target)
    connection = sqlite3.connect(target, isolation_level=None)
    for pragma in (f"page_size={page_size}", "journal_mode=WAL", "synchronous=NORMAL", "cache_size=-200000"):
        connection.execute(f"PRAGMA {pragma}")
    connection.execute("ATTACH DATABASE ? AS synced", (f"file:{source}?mode=ro",))
    objects = connection.execute(
        "SELECT type, name, sql FROM synced.sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%'"
    ).fetchall()
    for kind, _, sql in objects:
        if kind == "table":
            connection.execute(sql)
    figures: dict[str, float] = {}
    started = time.perf_counter()
    connection.execute("BEGIN")
    for kind, name, _ in objects:
        if kind == "table" and name not in DERIVED:
            connection.execute(f'INSERT INTO main."{name}" SELECT * FROM synced."{name}"')
    connection.execute("COMMIT")
    figures["copies"] = time.perf_counter() - started
    started = time.perf_counter()
    for kind, name, sql in objects:
        if kind == "index":
            step = time.perf_counter()
            connection.execute(sql)
            if time.perf_counter() - step > 1:
                print(f"  index {name}: {time.perf_counter() - step:.1f} s")
    figures["indexes"] = time.perf_counter() - started
    started = time.perf_counter()
    connection.execute("INSERT INTO employment SELECT * FROM synced.employment ORDER BY citizen_id, period")
    figures["employment"] = time.perf_counter() - started
    figures["total"] = sum(figures.values())
    connection.close()
    return {name: round(seconds, 1) for name, seconds in figures.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--store", type=Path, default=CACHE / "store-bench.db", help="a synced SQLite store")
    parser.add_argument("--page-size", type=int, default=PAGE_SIZE)
    args = parser.parse_args()
    if not args.store.exists():
        parser.error(f"{args.store} not found: run `make bench-sync` first, or name a synced store with --store")
    target = CACHE / "store-floor.db"
    print(f"{args.store} → {target} ({args.page_size}-byte pages)")
    print(floor(args.store, target, args.page_size))
    remove_sqlite_store(target)


if __name__ == "__main__":
    main()
