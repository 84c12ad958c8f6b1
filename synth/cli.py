"""``hub sources generate``: the synthetic source set from the command line, with progress and a summary."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeElapsedColumn
from rich.table import Table

from synth.config import SCALES
from synth.generation import GenerationError, Summary, generate

sources_app = typer.Typer(no_args_is_help=True, help="Synthetic departmental sources for demos and tests.")
console = Console()


@sources_app.callback()
def sources() -> None:
    """Synthetic departmental sources: HR, the poverty registry, finance and village ledgers."""


_PHASES = {"villages": "villages simulated", "findings": "ground-truth findings", "truth": "truth.json"}


def _scale(value: str) -> str:
    if value not in SCALES:
        raise typer.BadParameter(f"{value!r}: expected one of {', '.join(SCALES)}")
    return value


@sources_app.command("generate")
def generate_command(
    out: Annotated[Path, typer.Option("--out", help="folder for hr.db, poverty.db, finance.db, ledgers/, truth.json")],
    scale: Annotated[str, typer.Option(help="village | county | city | province", callback=_scale)] = "county",
    seed: Annotated[int, typer.Option(help="same seed, same sources")] = 7,
    months: Annotated[int | None, typer.Option(help="months from 2024-01 (default: the scale's)")] = None,
    hr_url: Annotated[str | None, typer.Option("--hr-url", help="also load HR into this PostgreSQL URL")] = None,
    poverty_url: Annotated[str | None, typer.Option("--poverty-url", help="also load the registry here")] = None,
    finance_url: Annotated[str | None, typer.Option("--finance-url", help="also load finance here")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="no progress bars")] = False,
) -> None:
    """Generate the departments' sources (or extend an earlier generation in OUT by more months)."""
    urls = {name: url for name, url in (("hr", hr_url), ("poverty", poverty_url), ("finance", finance_url)) if url}
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        disable=quiet,
    ) as bars:
        tasks: dict[str, TaskID] = {}

        def progress(phase: str, done: int, total: int) -> None:
            if phase not in tasks:
                tasks[phase] = bars.add_task(_PHASES.get(phase, phase), total=total)
            bars.update(tasks[phase], completed=done, total=total)

        try:
            summary = generate(out, scale=scale, seed=seed, months=months, pg_urls=urls or None, progress=progress)
        except GenerationError as error:
            console.print(f"[red]error:[/red] {error}")
            raise typer.Exit(code=1) from None
    console.print(summary_table(summary))


def summary_table(summary: Summary) -> Table:
    verb = "extended" if summary.extended else "generated"
    span = f"{summary.months[0]}..{summary.months[-1]}"
    table = Table(
        title=f"{verb} {summary.scale} sources (seed {summary.seed}, {span}) in {summary.out_dir}"
        f" — {summary.seconds:.1f} s"
    )
    table.add_column("what")
    table.add_column("count", justify="right")
    for key, value in summary.counts.items():
        table.add_row(key, f"{value:,}")
    table.add_row("ledger files written", f"{summary.ledger_files:,}")
    table.add_row("rows written", f"{sum(summary.rows_written.values()):,}")
    for fault, count in sorted(summary.faults.items()):
        table.add_row(f"bad records: {fault}", f"{count:,}")
    table.add_row("variants", f"{summary.variants:,}")
    for rule, count in summary.planted.items():
        found = summary.findings.get(rule)
        table.add_row(f"planted {rule}", f"{count:,}" + (f" (findings {found:,})" if found is not None else ""))
    return table
