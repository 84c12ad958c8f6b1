"""The commands: `hub clients ...` prints the key alone on its last line, `hub serve` serves, `hub schema`."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest

from graph.store import Store
from hub.auth.clients import Unauthenticated, authenticate
from tests.api.conftest import _free_port

Run = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def store_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'store.db'}"


def _viewer(url: str, key: str) -> Any:
    store = Store.open(url)
    try:
        with store.engine.connect() as connection:
            return authenticate(connection, f"Bearer {key}")
    finally:
        store.close()


def test_clients_add_prints_the_key_alone_on_the_last_line(run_hub: Run, store_url: str) -> None:
    result = run_hub(
        "clients",
        "add",
        "county-hr-360732",
        "--scopes",
        "registry:read,employment:read",
        "--region",
        "360732",
        "--store",
        store_url,
        check=True,
    )
    key = result.stdout.rstrip("\n").splitlines()[-1]
    assert key.startswith("hub_") and " " not in key
    viewer = _viewer(store_url, key)
    assert (viewer.name, viewer.scopes, viewer.region_prefix) == (
        "county-hr-360732",
        frozenset({"registry:read", "employment:read"}),
        "360732",
    )

    rotated = run_hub("clients", "rotate", "county-hr-360732", "--store", store_url, check=True)
    new_key = rotated.stdout.splitlines()[-1]
    with pytest.raises(Unauthenticated):
        _viewer(store_url, key)
    assert _viewer(store_url, new_key).name == "county-hr-360732"
    run_hub("clients", "revoke", "county-hr-360732", "--store", store_url, check=True)
    with pytest.raises(Unauthenticated, match="invalid or revoked API key"):
        _viewer(store_url, new_key)
    listed = run_hub("clients", "list", "--store", store_url, check=True)
    assert "county-hr-360732" in listed.stdout and new_key not in listed.stdout


def test_clients_add_refuses_unknown_scopes_and_duplicates(run_hub: Run, store_url: str) -> None:
    bad = run_hub("clients", "add", "x", "--scopes", "registry:read,everything", "--store", store_url)
    assert bad.returncode == 1
    assert "unknown scope(s) everything; expected some of registry:read" in bad.stderr
    run_hub("clients", "add", "x", "--scopes", "registry:read", "--store", store_url, check=True)
    again = run_hub("clients", "add", "x", "--scopes", "registry:read", "--store", store_url)
    assert again.returncode == 1 and "client 'x' exists" in again.stderr


def test_schema_export_check(run_hub: Run, tmp_path: Path) -> None:
    assert run_hub("schema", "export", "--check", check=True).stdout.strip().endswith("is current")
    stale = tmp_path / "schema.graphql"
    stale.write_text("type Query { old: Int }\n", encoding="utf-8")
    assert run_hub("schema", "export", "--check", "--out", str(stale)).returncode == 1
    run_hub("schema", "export", "--out", str(stale), check=True)
    assert run_hub("schema", "export", "--check", "--out", str(stale)).returncode == 0


def test_serve_with_two_workers(run_hub: Run, store_url: str) -> None:
    key = run_hub(
        "clients", "add", "t", "--scopes", "registry:read", "--store", store_url, check=True
    ).stdout.splitlines()[-1]
    port = _free_port()
    command = [sys.executable, "-m", "hub.cli", "serve", "--store", store_url, "--port", str(port), "--workers", "2"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                health = httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=2)
                break
            except httpx.TransportError:
                if time.monotonic() > deadline or process.poll() is not None:
                    pytest.fail(f"hub serve did not come up: {process.communicate(timeout=10)}")
                time.sleep(0.2)
        assert health.json() == {"status": "ok", "store": "ok"}
        for _ in range(4):  # whichever worker answers
            answer = httpx.post(
                f"http://127.0.0.1:{port}/graphql",
                json={"query": '{ region(code: "36") { name } }'},
                headers={"Authorization": f"Bearer {key}"},
            )
            assert answer.json() == {"data": {"region": {"name": "江西省"}}}
        assert httpx.post(f"http://127.0.0.1:{port}/graphql", json={"query": "{ viewer { name } }"}).status_code == 401
    finally:
        process.send_signal(signal.SIGINT)
        process.communicate(timeout=30)
