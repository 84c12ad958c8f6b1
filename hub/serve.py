"""Running the service: ``hub serve`` (uvicorn workers over one store) and ``hub demo`` (data, key, server).

The parent process opens the store once (migrating it) before uvicorn starts its workers, so workers
never race to migrate; each worker builds the app from the same settings through ``HUB_*`` variables.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import uvicorn
from sqlalchemy import func, select

import connectors
from graph.store import Store, schema
from hub.auth.clients import ClientError, add_client, rotate_key
from hub.auth.scopes import SCOPES
from hub.settings import Settings
from hub.sync import sync

DEMO_CLIENT = "demo-developer"
#: The development key sees everything, GraphiQL included; real clients get only what their work needs.
DEMO_SCOPES = ",".join(SCOPES)

Say = Callable[[str], None]


def serve(settings: Settings, *, host: str, port: int, workers: int) -> None:
    """Serve the store at ``settings.store_url`` until interrupted."""
    Store.open(settings.store_url).close()
    # Workers build their app from the environment: hand them what this process was configured with.
    for name in ("store_url", "page_size", "page_cap", "max_depth", "max_aliases", "max_cost", "graphiql"):
        os.environ[f"HUB_{name.upper()}"] = str(getattr(settings, name))
    uvicorn.run(
        "hub.app:create_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="info",
        access_log=False,
    )


@dataclass(frozen=True, slots=True)
class Demo:
    key: str
    url: str
    example: str


def _example_query(store: Store) -> str:
    with store.engine.connect() as connection:
        period = connection.execute(select(func.max(schema.Employment.__table__.c.period))).scalar_one()
    period = period or "2024-05"
    return (
        "{\n"
        "  households(first: 3) {\n"
        "    totalCount\n"
        "    nodes {\n"
        "      householdNo status village { name }\n"
        "      members {\n"
        f'        name laborCategory employment(period: "{period}") {{ status income employer {{ name }} }}\n'
        "      }\n"
        "    }\n"
        "  }\n"
        f'  regionStats(code: "36", period: "{period}") {{ laborers employed returnees zeroEmploymentHouseholds }}\n'
        "}"
    )


def prepare_demo(settings: Settings, sources: Path, *, host: str, port: int, say: Say) -> Demo:
    """Generate a county's sources if ``sources`` has none, sync them, and issue a development key."""
    if not (sources / "truth.json").is_file():
        from synth import generate

        say(f"generating a county's departmental sources in {sources} (seed 7) ...")
        generate(sources, scale="county", seed=7)
    store = Store.open(settings.store_url)
    chosen = [
        connectors.build(name, location) for name, location in Settings(sources_dir=sources).source_locations().items()
    ]
    try:
        say("syncing hr, poverty, finance and the village ledgers into the store ...")
        sync(store, chosen, batch_size=settings.batch_size)
        try:
            key = add_client(store.engine, DEMO_CLIENT, DEMO_SCOPES, introspection=True)
        except ClientError:
            key = rotate_key(store.engine, DEMO_CLIENT)
        example = _example_query(store)
    finally:
        for connector in chosen:
            connector.close()
        store.close()
    return Demo(key=key, url=f"http://{host}:{port}/graphql", example=example)


def demo_instructions(demo: Demo) -> str:
    header = json.dumps({"Authorization": f"Bearer {demo.key}"})
    body = json.dumps({"query": demo.example}, ensure_ascii=False)
    return (
        f"GraphiQL: {demo.url}  (paste into its Headers tab: {header})\n\n"
        f"Example query:\n{demo.example}\n\n"
        f"From a shell:\n  curl -s {demo.url} -H 'Authorization: Bearer {demo.key}' "
        f"-H 'Content-Type: application/json' -d '{body}'\n\n"
        f"Development key (client {DEMO_CLIENT!r}; shown once, only its hash is stored):\n{demo.key}"
    )
