"""What every ``hub`` command shares: the store and sources options, settings from them, failing clearly."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from graph.store import Store
from hub.settings import Settings

console = Console()
errors = Console(stderr=True)

StoreOption = Annotated[
    str | None, typer.Option("--store", help="store URL (default: HUB_STORE_URL or sqlite:///.hub/store.db)")
]
SourcesOption = Annotated[
    Path | None,
    typer.Option("--sources", help="a generated source set: hr.db, poverty.db, finance.db and ledgers/"),
]


def settings_for(store: str | None = None, sources: Path | None = None) -> Settings:
    overrides: dict[str, object] = {}
    if store:
        overrides["store_url"] = store
    if sources:
        overrides["sources_dir"] = sources
    return Settings(**overrides)  # type: ignore[arg-type]


def fail(message: str) -> typer.Exit:
    """Print ``message`` as an error and return the exit to raise (status 1)."""
    errors.print(f"[red]error:[/red] {message}")
    return typer.Exit(code=1)


@contextmanager
def opened_store(store: str | None, *refused: type[Exception]) -> Iterator[Store]:
    """The store (migrated), closed afterwards; an exception of a ``refused`` type becomes a clear failure."""
    opened = Store.open(settings_for(store).store_url)
    try:
        yield opened
    except refused as error:
        raise fail(str(error)) from None
    finally:
        opened.close()
