"""Ready-made broken sources for the *check* check: wrong locations, missing tables, bad credentials.

Each comes with the pattern a clear error message must match: the thing that is wrong (the missing
file or table, the unknown user, the closed port).
"""

from __future__ import annotations

import re
import socket
from pathlib import Path

from sqlalchemy.engine import make_url

from connectors.contract.case import BrokenSource

NOBODY = "contract_kit_nobody"


def sql_broken_sources(
    url: str, *, table: str, scratch: Path | None = None, empty_database_url: str | None = None
) -> tuple[BrokenSource, ...]:
    """Broken variants of a SQLite or PostgreSQL source URL.

    ``table`` is the table a connector checks first (its message must name it when missing);
    ``scratch`` a folder for an empty SQLite database (needed for SQLite); ``empty_database_url`` an
    empty PostgreSQL database, for the missing-table case there.
    """
    parsed = make_url(url)
    missing_table = (f"(?i){re.escape(table)}",)
    if parsed.get_backend_name() == "sqlite":
        if scratch is None:
            raise ValueError("sql_broken_sources: scratch is None; expected a folder for an empty SQLite database")
        empty = scratch / "contract-kit-empty.db"
        empty.touch()
        missing = str(Path(parsed.database or "").with_name("contract-kit-missing.db"))
        return (
            BrokenSource(
                f"sqlite:///{missing}", "a database file that does not exist", re.escape("contract-kit-missing.db")
            ),
            BrokenSource(Path(missing).name, "a path instead of a database URL", re.escape(Path(missing).name)),
            BrokenSource(f"sqlite:///{empty}", "a database without the tables", *missing_table),
        )
    broken = [
        BrokenSource(
            parsed.set(username=NOBODY, password="contract-kit-wrong").render_as_string(hide_password=False),
            "bad credentials (an unknown user)",
            NOBODY,
        ),
        BrokenSource(
            parsed.set(database=f"{parsed.database}_contract_kit_missing").render_as_string(hide_password=False),
            "a database that does not exist",
            re.escape(f"{parsed.database}_contract_kit_missing"),
        ),
        BrokenSource(
            parsed.set(port=(port := _closed_port())).render_as_string(hide_password=False),
            "a server that is not listening",
            str(port),
        ),
    ]
    if empty_database_url is not None:
        broken.append(BrokenSource(empty_database_url, "a database without the tables", *missing_table))
    return tuple(broken)


def folder_broken_sources(folder: Path, scratch: Path) -> tuple[BrokenSource, ...]:
    """Broken variants of a folder source: a folder that is not there, a file (made in ``scratch``) for a folder."""
    missing = folder.with_name(f"{folder.name}-contract-kit-missing")
    file = scratch / "contract-kit-file"
    file.touch()
    return (
        BrokenSource(str(missing), "a folder that does not exist", re.escape(missing.name)),
        BrokenSource(str(file), "a file instead of a folder", re.escape(file.name)),
    )


def _closed_port() -> int:
    """A local port nothing listens on (just released by the kit)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])
