"""The committed schema.graphql is the schema the code builds: regenerate it with `hub schema export`."""

from __future__ import annotations

from hub.schema.export import SCHEMA_FILE, sdl


def test_committed_schema_is_current() -> None:
    assert SCHEMA_FILE.is_file(), "schema.graphql is missing: run `hub schema export`"
    assert SCHEMA_FILE.read_text(encoding="utf-8") == sdl(), "schema.graphql is stale: run `hub schema export`"


def test_schema_documents_the_caliber() -> None:
    text = sdl()
    assert '"""扶贫车间就业：Employed in a poverty-alleviation (帮扶) workshop."""\n  WORKSHOP' in text
    assert "劳动力类别 (Labor category)." in text
    assert "scalar Period" in text and "scalar Money" in text and "scalar CitizenId" in text
