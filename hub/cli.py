"""The ``hub`` command line: generate sources, sync them, look at the store."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeElapsedColumn
from rich.table import Table
from sqlalchemy import select

import connectors
from connectors.framework import ConnectorError
from graph.store import Store, schema
from hub.cli_access import audit_command, clients_app, documents_app
from hub.cli_options import SourcesOption, StoreOption, console, errors, fail, settings_for
from hub.sync import SourceReport, sync
from synth.cli import sources_app

app = typer.Typer(no_args_is_help=True, help="Jiangxi employment-support data hub.")
app.add_typer(sources_app, name="sources", help="Synthetic departmental sources for demos and tests.")


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
    settings = settings_for(store, sources)
    locations = settings.source_locations()
    wanted = source or list(locations)
    if not wanted:
        raise fail("no sources configured; pass --sources DIR (a `hub sources generate` folder) or set HUB_*_URL")
    missing = [name for name in wanted if name not in locations]
    if missing:
        raise fail(
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
        raise fail(str(error)) from None
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
            *(f"{n:,}" for n in (total.read, total.inserted, total.updated, total.unchanged, total.quarantined)),
            f"{report.conflicts:,}",
        )
    console.print(table)


@sources_app.command("check")
def sources_check_command(sources: SourcesOption = None) -> None:
    """Check that every configured source can be reached and has the tables its connector expects."""
    locations = settings_for(sources=sources).source_locations()
    if not locations:
        raise fail("no sources configured; pass --sources DIR or set HUB_*_URL")
    failed = False
    for name, location in locations.items():
        connector = connectors.build(name, location)
        try:
            connector.check()
            console.print(f"[green]ok[/green]    {name}: {len(connector.streams())} streams")
        except ConnectorError as error:
            failed = True
            console.print(f"[red]fail[/red]  {name}: {error}")
        finally:
            connector.close()
    if failed:
        raise typer.Exit(code=1)


@app.command("status")
def status_command(
    store: StoreOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="entity counts as JSON (truth.json's keys)")] = False,
) -> None:
    """Entity counts and each stream's cursor."""
    opened = Store.open(settings_for(store).store_url)
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
    opened = Store.open(settings_for(store).store_url)
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


# --- the service: serve, demo, clients, schema ------------------------------------------------------

app.add_typer(clients_app, name="clients")
app.add_typer(documents_app, name="documents")
app.command("audit")(audit_command)
schema_app = typer.Typer(no_args_is_help=True, help="The GraphQL schema as SDL.")
app.add_typer(schema_app, name="schema")


@app.command("serve")
def serve_command(
    store: StoreOption = None,
    host: Annotated[str | None, typer.Option(help="address to listen on (default: HUB_HOST or 127.0.0.1)")] = None,
    port: Annotated[int | None, typer.Option(help="port (default: HUB_PORT or 8000)")] = None,
    workers: Annotated[int | None, typer.Option(help="uvicorn worker processes (default: HUB_WORKERS or 1)")] = None,
) -> None:
    """Serve GraphQL (and GraphiQL) at /graphql and a health check at /healthz."""
    from hub.serve import serve

    settings = settings_for(store)
    serve(settings, host=host or settings.host, port=port or settings.port, workers=workers or settings.workers)


@app.command("demo")
def demo_command(
    sources: Annotated[Path, typer.Option("--sources", help="where the demo's generated sources live")] = Path(
        ".hub/demo-sources"
    ),
    store: StoreOption = None,
    host: Annotated[str | None, typer.Option(help="address to listen on")] = None,
    port: Annotated[int | None, typer.Option(help="port")] = None,
) -> None:
    """Generate a county's sources (if absent), sync them, print a development key and serve GraphiQL."""
    from hub.serve import demo_instructions, prepare_demo, serve

    settings = settings_for(store)
    chosen_host, chosen_port = host or settings.host, port or settings.port
    try:
        demo = prepare_demo(settings, sources, host=chosen_host, port=chosen_port, say=console.print)
    except ConnectorError as error:
        raise fail(str(error)) from None
    typer.echo(demo_instructions(demo))
    serve(settings, host=chosen_host, port=chosen_port, workers=1)


@schema_app.command("export")
def schema_export_command(
    out: Annotated[Path | None, typer.Option(help="where to write (default: schema.graphql at the repo root)")] = None,
    check: Annotated[bool, typer.Option("--check", help="fail if the file differs instead of writing it")] = False,
) -> None:
    """Write the schema's SDL (or check that the committed file is current)."""
    from hub.schema.export import SCHEMA_FILE, export, is_current

    path = out or SCHEMA_FILE
    if check:
        if not is_current(path):
            raise fail(f"{path} is stale; run `hub schema export`")
        typer.echo(f"{path} is current")
        return
    typer.echo(f"wrote {export(path)}")


# --- rules: monitoring and reconciliation -----------------------------------------------------------


def _rule_overrides(path: Path | None) -> dict[str, object]:
    """Rule settings over rules.toml: ``--rules-config FILE``, else the ``[rules]`` table of hub.toml."""
    import tomllib

    if path is not None:
        try:
            return tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as error:
            expected = "expected a readable TOML file shaped like rules.toml"
            raise fail(f"--rules-config {path}: {error}; {expected}") from None
    default = Path("hub.toml")
    if default.is_file():
        return dict(tomllib.loads(default.read_text(encoding="utf-8")).get("rules", {}))
    return {}


@app.command("reconcile")
def reconcile_command(
    rule: Annotated[
        list[str] | None, typer.Option("--rule", help="run only this rule code (repeatable); default: every rule")
    ] = None,
    period: Annotated[
        str | None, typer.Option(help="YYYY-MM or YYYY-MM..YYYY-MM; default: every period checked")
    ] = None,
    out: Annotated[
        str | None, typer.Option("--out", help="write the findings as JSON lines to FILE ('-': standard output)")
    ] = None,
    xlsx: Annotated[
        Path | None, typer.Option("--xlsx", help="write the findings to a workbook, a sheet per rule")
    ] = None,
    rules_config: Annotated[
        Path | None, typer.Option("--rules-config", help="TOML overriding rules.toml (default: [rules] of hub.toml)")
    ] = None,
    store: StoreOption = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="no progress bar")] = False,
) -> None:
    """Run the monitoring and reconciliation rules of RULES.md, store the findings and export them."""
    import sys

    from rich import box

    from graph.rules import (
        RULES,
        RuleConfigError,
        Scope,
        ScopeError,
        UnknownRuleError,
        load_rule_config,
        read_findings,
        rule_named,
        run_rules,
        write_json_lines,
        write_workbook,
    )

    display = errors if out == "-" else console
    try:
        wanted = {rule_named(code).code for code in rule or ()}
        chosen = [one for one in RULES if not wanted or one.code in wanted]
        scope = Scope.parse(period)
        config = load_rule_config(_rule_overrides(rules_config))
    except (UnknownRuleError, ScopeError, RuleConfigError) as error:
        raise fail(str(error)) from None
    opened = Store.open(settings_for(store).store_url)
    try:
        with Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=display,
            disable=quiet,
        ) as bars:
            task = bars.add_task("rules", total=len(chosen))

            def progress(current: object, phase: str) -> None:
                code = getattr(current, "code", "")
                if phase == "done":
                    bars.advance(task)
                else:
                    bars.update(task, description=f"{code}: {phase}")

            report = run_rules(opened.engine, rules=chosen, scope=scope, config=config, progress=progress)
            bars.update(task, description="rules")
        with opened.engine.connect() as connection:
            if out == "-":
                write_json_lines(read_findings(connection, report.run, chosen), sys.stdout)
            elif out:
                with Path(out).open("w", encoding="utf-8") as handle:
                    write_json_lines(read_findings(connection, report.run, chosen), handle)
            if xlsx:
                write_workbook(xlsx, chosen, lambda one: read_findings(connection, report.run, [one]))
    finally:
        opened.close()
    summary = Table(
        title=f"findings of run {report.run} ({report.scope}, {len(report.months)} months)", box=box.SIMPLE_HEAD
    )
    summary.add_column("rule", no_wrap=True)
    for column in ("found", "new", "resolved", "measures", "s"):
        summary.add_column(column, justify="right", no_wrap=True)
    for result in report.results:
        counts = (result.holding, result.new, result.resolved, result.with_measures)
        seconds = result.query_seconds + result.store_seconds
        summary.add_row(result.rule, *(f"{count:,}" for count in counts), f"{seconds:.1f}")
    display.print(summary)


if __name__ == "__main__":
    app()
