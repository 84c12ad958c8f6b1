"""The ``hub`` command line: generate sources, sync them, look at the store."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeElapsedColumn
from rich.table import Table
from sqlalchemy import select
from synth.cli import sources_app

import connectors
from connectors.framework import ConnectorError
from graph.store import Store, schema
from hub.settings import Settings
from hub.sync import SourceReport, sync

app = typer.Typer(no_args_is_help=True, help="Jiangxi employment-support data hub.")
app.add_typer(sources_app, name="sources", help="Synthetic departmental sources for demos and tests.")
console = Console()
errors = Console(stderr=True)

StoreOption = Annotated[
    str | None, typer.Option("--store", help="store URL (default: HUB_STORE_URL or sqlite:///.hub/store.db)")
]
SourcesOption = Annotated[
    Path | None,
    typer.Option("--sources", help="a generated source set: hr.db, poverty.db, finance.db and ledgers/"),
]


def _settings(store: str | None = None, sources: Path | None = None) -> Settings:
    overrides: dict[str, object] = {}
    if store:
        overrides["store_url"] = store
    if sources:
        overrides["sources_dir"] = sources
    return Settings(**overrides)  # type: ignore[arg-type]


def _fail(message: str) -> typer.Exit:
    errors.print(f"[red]error:[/red] {message}")
    return typer.Exit(code=1)


@app.command("sync")
def sync_command(
    source: Annotated[
        list[str] | None, typer.Option("--source", help="sync only this source (repeatable); default: all")
    ] = None,
    sources: SourcesOption = None,
    store: StoreOption = None,
    batch_size: Annotated[int | None, typer.Option(help="source rows per transaction")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="no progress bars")] = False,
) -> None:
    """Read every configured source incrementally into the unified store."""
    settings = _settings(store, sources)
    locations = settings.source_locations()
    wanted = source or list(locations)
    if not wanted:
        raise _fail(
            "no sources configured; pass --sources DIR (a `hub sources generate` folder) or set HUB_*_URL"
        )
    missing = [name for name in wanted if name not in locations]
    if missing:
        raise _fail(
            f"no location configured for source(s) {', '.join(missing)}; pass --sources DIR or set HUB_<NAME>_URL"
        )
    try:
        chosen = [connectors.build(name, locations[name]) for name in wanted]
        opened = Store.open(settings.store_url)
        with Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=console,
            disable=quiet,
        ) as bars:
            tasks: dict[tuple[str, str], TaskID] = {}

            def progress(source_name: str, stream: str, done: int, total: int | None) -> None:
                key = (source_name, stream)
                if key not in tasks:
                    tasks[key] = bars.add_task(f"{source_name}.{stream}", total=total)
                bars.update(tasks[key], completed=done, total=total)

            reports = sync(opened, chosen, batch_size=settings.batch_size, progress=progress)
    except ConnectorError as error:
        raise _fail(str(error)) from None
    finally:
        for connector in locals().get("chosen", []):
            connector.close()
    _print_reports(reports)


def _print_reports(reports: list[SourceReport]) -> None:
    table = Table(title="sync summary")
    for column in ("source", "read", "inserted", "updated", "unchanged", "quarantined", "conflicts"):
        table.add_column(column, justify="left" if column == "source" else "right")
    for report in reports:
        total = report.total
        table.add_row(
            report.source,
            *(
                f"{n:,}"
                for n in (total.read, total.inserted, total.updated, total.unchanged, total.quarantined)
            ),
            f"{report.conflicts:,}",
        )
    console.print(table)


@app.command("status")
def status_command(
    store: StoreOption = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="entity counts as JSON (truth.json's keys)")
    ] = False,
) -> None:
    """Entity counts and each stream's cursor."""
    opened = Store.open(_settings(store).store_url)
    counts = opened.counts()
    if as_json:
        typer.echo(json.dumps(counts, ensure_ascii=False))
        return
    entities = Table(title="entities")
    entities.add_column("entity")
    entities.add_column("count", justify="right")
    for key, value in counts.items():
        entities.add_row(key, f"{value:,}")
    console.print(entities)
    cursors = Table(title="cursors")
    for column in ("source", "stream", "cursor", "updated"):
        cursors.add_column(column)
    for row in opened.cursors():
        cursors.add_row(row["source"], row["stream"], row["cursor_value"] or "", str(row["updated_at"]))
    console.print(cursors)


@app.command("quarantine")
def quarantine_command(
    source: Annotated[str | None, typer.Option(help="only this source")] = None,
    fault: Annotated[str | None, typer.Option(help="only this fault (e.g. id_checksum)")] = None,
    store: StoreOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="one JSON object a line")] = False,
    limit: Annotated[int | None, typer.Option(help="at most this many entries")] = None,
) -> None:
    """Source rows that could not be normalized, with the reason."""
    opened = Store.open(_settings(store).store_url)
    table = schema.QuarantineEntry.__table__
    query = select(table).order_by(table.c.source, table.c.source_table, table.c.source_key)
    if source:
        query = query.where(table.c.source == source)
    if fault:
        query = query.where(table.c.fault == fault)
    if limit:
        query = query.limit(limit)
    with opened.engine.connect() as connection:
        rows = connection.execute(query).mappings().all()
    if as_json:
        for row in rows:
            entry = {
                "source": row["source"],
                "table": row["source_table"],
                "key": row["source_key"],
                "fault": row["fault"],
                "element": row["element"],
                "value": row["value"],
                "reason": row["reason"],
            }
            typer.echo(json.dumps(entry, ensure_ascii=False))
        return
    listing = Table(title=f"quarantine ({len(rows):,} entries)")
    for column in ("source", "table", "key", "fault", "reason"):
        listing.add_column(column)
    for row in rows:
        listing.add_row(row["source"], row["source_table"], row["source_key"], row["fault"], row["reason"])
    console.print(listing)


if __name__ == "__main__":
    app()
