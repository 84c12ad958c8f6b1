"""Benchmark: the GraphQL API on a generated set in SQLite (``make bench-api``).

1. Nested query — 100 households → members → employment(period) → employer, and each member's
   payments — answered three ways in-process and timed (median of many runs, JSON text included):
   hand-written SQL, one statement per level, assembled into the same JSON; the hub's schema with
   the look-ahead executor; the hub's schema through Strawberry and DataLoaders alone. The hub's JSON
   must equal the hand-written one. The same query is also timed over HTTP.
2. Single-laborer lookups: ``hub serve --workers 2`` under a load generator over real HTTP (keep-alive
   connections from one asyncio process on the same machine), requests per second for a fixed time.

Sources and store are cached under ``.hub/bench/``. Figures go into ``docs/benchmarks.md`` by hand.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import time
from typing import Any

import httpx
from sqlalchemy import Connection, select

from bench.sync import CACHE
from graph.store import Store, schema
from hub.auth.access import serving
from hub.auth.clients import CLIENTS, add_client
from hub.auth.sealing import Sealer
from hub.auth.viewer import Viewer
from hub.resolvers.context import RequestContext
from hub.resolvers.pages import PageLimits
from hub.schema import build_schema
from hub.sync import sync
from tests.support.sources import SourceSet

#: What the benchmark client holds: every read scope, identifiers unmasked (the JSON must equal the SQL's).
SCOPES = "registry:read,employment:read,payments:read,pii:read"
SEALER = Sealer(bytes(64))
#: One event loop for every in-process run (``asyncio.run`` would add a loop's set-up to each figure).
LOOP = asyncio.new_event_loop()

NESTED = """query Nested($first: Int!, $period: Period!) { households(first: $first) { nodes {
  householdNo status
  members { citizenId name laborCategory
    employment(period: $period) { status income employer { creditCode name } }
    payments { voucher subsidyType amount status coveredPeriod } } } } }"""
LOOKUP = """query Lookup($id: CitizenId!) { laborer(citizenId: $id) {
  citizenId name laborCategory household { householdNo status } } }"""


def prepare(scale: str, seed: int) -> SourceSet:
    """The source set ``bench.sync`` uses too (generated once), by absolute path."""
    from synth import generate

    folder = CACHE.resolve() / f"{scale}-seed{seed}"
    if not (folder / "truth.json").exists():
        started = time.perf_counter()
        generate(folder, scale=scale, seed=seed)
        print(f"generated {scale} sources in {time.perf_counter() - started:.0f} s")
    return SourceSet(folder)


def open_store(scale: str, seed: int) -> tuple[Store, str]:
    sources = prepare(scale, seed)
    path = CACHE.resolve() / f"api-{scale}-seed{seed}.db"
    store = Store.open(f"sqlite:///{path}")
    if store.counts() != sources.truth["counts"]:
        started = time.perf_counter()
        chosen = sources.connectors()
        try:
            sync(store, chosen)
        finally:
            for connector in chosen:
                connector.close()
        print(f"synced {scale} into {path} in {time.perf_counter() - started:.0f} s")
    with store.engine.begin() as connection:  # a fresh client, so its scopes are today's
        connection.execute(CLIENTS.delete().where(CLIENTS.c.name == "bench"))
    return store, add_client(store.engine, "bench", SCOPES)


# --- the hand-written baseline: one statement per level, the same JSON ----------------------------


def _money(fen: int | None) -> str | None:
    return None if fen is None else f"{fen / 100:.2f}"


def _in(values: list[str]) -> str:
    return ",".join("?" * len(values))


def handwritten(connection: Connection, first: int, period: str) -> str:
    raw = connection.connection.driver_connection
    assert raw is not None
    cursor = raw.cursor()
    households = cursor.execute(
        "SELECT household_no, status FROM households ORDER BY household_no LIMIT ?", (first,)
    ).fetchall()
    numbers = [h[0] for h in households]
    people = cursor.execute(
        f"SELECT citizen_id, name, labor_category, household_no FROM people WHERE household_no IN ({_in(numbers)}) "
        "ORDER BY citizen_id",
        numbers,
    ).fetchall()
    ids = [p[0] for p in people]
    months = cursor.execute(
        f"SELECT citizen_id, status, income, employer_credit_code FROM employment "
        f"WHERE period = ? AND citizen_id IN ({_in(ids)})",
        [period, *ids],
    ).fetchall()
    codes = sorted({m[3] for m in months if m[3]})
    employers = dict(
        (code, {"creditCode": code, "name": name})
        for code, name in cursor.execute(
            f"SELECT credit_code, name FROM employers WHERE credit_code IN ({_in(codes)})", codes
        ).fetchall()
    )
    payments: dict[str, list[dict[str, Any]]] = {}
    for cid, voucher, kind, amount, status, covered in cursor.execute(
        f"SELECT beneficiary_citizen_id, voucher, subsidy_type, amount, status, covered_period FROM payments "
        f"WHERE beneficiary_citizen_id IN ({_in(ids)}) ORDER BY covered_period, paid_on, voucher",
        ids,
    ).fetchall():
        payments.setdefault(cid, []).append(
            {
                "voucher": voucher,
                "subsidyType": kind,
                "amount": _money(amount),
                "status": status,
                "coveredPeriod": covered,
            }
        )
    employment = {
        cid: {"status": status, "income": _money(income), "employer": employers.get(code) if code else None}
        for cid, status, income, code in months
    }
    members: dict[str, list[dict[str, Any]]] = {}
    for cid, name, category, number in people:
        members.setdefault(number, []).append(
            {
                "citizenId": cid,
                "name": name,
                "laborCategory": category,
                "employment": employment.get(cid),
                "payments": payments.get(cid, []),
            }
        )
    nodes = [{"householdNo": no, "status": status, "members": members.get(no, [])} for no, status in households]
    return json.dumps({"data": {"households": {"nodes": nodes}}}, ensure_ascii=False, separators=(",", ":"))


def through_schema(store: Store, variables: dict[str, Any], lookahead: bool) -> str:
    """The nested query in-process, with the whole access policy (scopes, masking, audit trail) applied."""
    viewer = Viewer("bench", frozenset(SCOPES.split(",")))
    context = RequestContext.open(store.engine, viewer, PageLimits(20, 100), lookahead=lookahead, sealer=SEALER)
    try:
        with serving(context.access):
            execution = build_schema().execute(NESTED, variable_values=variables, context_value=context)
            result = LOOP.run_until_complete(execution)
    finally:
        context.close()
    assert result.errors is None, result.errors
    return json.dumps({"data": result.data}, ensure_ascii=False, separators=(",", ":"))


def median_ms(run: Any, repeat: int) -> float:
    run()
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return round(statistics.median(times) * 1000, 2)


def paired_medians_ms(first: Any, second: Any, repeat: int) -> tuple[float, float]:
    """Medians of two runs timed alternately (first, second, first, ...).

    Load drifting on a shared machine then weighs on both alike, so their ratio holds where two separate
    series would not.
    """
    first()
    second()
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(repeat):
        for run, series in ((first, times[0]), (second, times[1])):
            started = time.perf_counter()
            run()
            series.append(time.perf_counter() - started)
    return round(statistics.median(times[0]) * 1000, 2), round(statistics.median(times[1]) * 1000, 2)


def nested(store: Store, url: str, key: str, repeat: int) -> dict[str, Any]:
    with store.engine.connect() as connection:
        period = (
            connection.execute(
                select(schema.Employment.__table__.c.period)
                .distinct()
                .order_by(schema.Employment.__table__.c.period.desc())
            )
            .scalars()
            .first()
        )
        variables = {"first": 100, "period": period}
        baseline = handwritten(connection, 100, period)
        assert through_schema(store, variables, True) == baseline, "the hub's JSON differs from the hand-written one"
        assert through_schema(store, variables, False) == baseline
        figures: dict[str, Any] = {"period": period, "objects": baseline.count("{") - 3, "json_bytes": len(baseline)}
        figures["handwritten_ms"], figures["lookahead_ms"] = paired_medians_ms(
            lambda: handwritten(connection, 100, period), lambda: through_schema(store, variables, True), repeat
        )
    figures["strawberry_dataloaders_ms"] = median_ms(
        lambda: through_schema(store, variables, False), max(5, repeat // 4)
    )
    with httpx.Client(headers={"Authorization": f"Bearer {key}"}) as client:
        body = {"query": NESTED, "variables": variables}
        figures["http_lookahead_ms"] = median_ms(lambda: client.post(url, json=body).raise_for_status(), repeat)
    figures["ratio_lookahead"] = round(figures["lookahead_ms"] / figures["handwritten_ms"], 2)
    figures["ratio_strawberry"] = round(figures["strawberry_dataloaders_ms"] / figures["handwritten_ms"], 2)
    figures["ratio_http"] = round(figures["http_lookahead_ms"] / figures["handwritten_ms"], 2)
    return figures


# --- the load generator ---------------------------------------------------------------------------


async def _client(host: str, port: int, requests: list[bytes], stop: float, counts: list[int]) -> None:
    reader, writer = await asyncio.open_connection(host, port)
    index = 0
    try:
        while time.perf_counter() < stop:
            writer.write(requests[index % len(requests)])
            index += 1
            status = await reader.readline()
            length = 0
            while (line := await reader.readline()) not in (b"\r\n", b""):
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            body = await reader.readexactly(length)
            counts[0 if status.split()[1] == b"200" and b'"errors"' not in body else 1] += 1
    finally:
        writer.close()


async def load(host: str, port: int, key: str, ids: list[str], seconds: float, connections: int) -> dict[str, Any]:
    requests = []
    for cid in ids:
        body = json.dumps({"query": LOOKUP, "variables": {"id": cid}}).encode()
        head = (
            f"POST /graphql HTTP/1.1\r\nHost: {host}:{port}\r\nAuthorization: Bearer {key}\r\n"
            f"Content-Type: application/json\r\nAccept: application/json\r\nContent-Length: {len(body)}\r\n\r\n"
        )
        requests.append(head.encode() + body)
    counts = [0, 0]
    started = time.perf_counter()
    await asyncio.gather(*(_client(host, port, requests, started + seconds, counts) for _ in range(connections)))
    elapsed = time.perf_counter() - started
    return {
        "ok": counts[0],
        "failed": counts[1],
        "seconds": round(elapsed, 1),
        "requests_per_second": round(counts[0] / elapsed),
    }


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_server(store_url: str, workers: int) -> tuple[subprocess.Popen[bytes], int]:
    port = _free_port()
    command = [
        sys.executable,
        "-m",
        "hub.cli",
        "serve",
        "--store",
        store_url,
        "--port",
        str(port),
        "--workers",
        str(workers),
    ]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=os.environ.copy())
    deadline = time.monotonic() + 60
    while True:
        try:
            httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=2).raise_for_status()
            return process, port
        except httpx.TransportError:
            if time.monotonic() > deadline or process.poll() is not None:
                raise RuntimeError("hub serve did not start") from None
            time.sleep(0.2)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", default="city")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=40, help="runs per nested-query figure")
    parser.add_argument("--seconds", type=float, default=15, help="duration of the lookup load")
    parser.add_argument("--connections", type=int, default=16, help="keep-alive connections of the load generator")
    args = parser.parse_args()
    store, key = open_store(args.scale, args.seed)
    with store.engine.connect() as connection:
        people = schema.Person.__table__
        ids = list(connection.execute(select(people.c.citizen_id).where(people.c.registered).limit(2000)).scalars())
    results: dict[str, Any] = {"scale": args.scale, "cpus": os.cpu_count()}
    process, port = start_server(store.url, 1)
    try:
        results["nested"] = nested(store, f"http://127.0.0.1:{port}/graphql", key, args.repeat)
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(30)
    print("nested:", json.dumps(results["nested"]))
    process, port = start_server(store.url, 2)
    try:
        asyncio.run(load("127.0.0.1", port, key, ids, 2, 4))  # warm both workers
        results["lookup"] = asyncio.run(load("127.0.0.1", port, key, ids, args.seconds, args.connections))
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(30)
    print("lookup:", json.dumps(results["lookup"]))
    store.close()
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
