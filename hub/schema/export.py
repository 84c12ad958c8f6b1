"""The schema as SDL, for the committed ``schema.graphql`` that clients generate code from and review."""

from __future__ import annotations

from pathlib import Path

from hub.schema import build_schema

#: The committed schema file at the repository root.
SCHEMA_FILE = Path(__file__).resolve().parents[2] / "schema.graphql"


def sdl() -> str:
    return build_schema().as_str() + "\n"


def export(path: Path = SCHEMA_FILE) -> Path:
    path.write_text(sdl(), encoding="utf-8")
    return path


def is_current(path: Path = SCHEMA_FILE) -> bool:
    return path.is_file() and path.read_text(encoding="utf-8") == sdl()
