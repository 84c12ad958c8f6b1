"""Session-wide fixtures: a real PostgreSQL server started by the suite itself."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.support.postgres import PostgresUnavailable, create_database, postgres_server
from tests.support.sources import SourceSet, generate


@pytest.fixture(scope="session")
def postgres_base_url() -> Iterator[str]:
    try:
        with postgres_server() as url:
            yield url
    except PostgresUnavailable as error:
        pytest.fail(f"PostgreSQL could not be started for the tests: {error}", pytrace=False)


@pytest.fixture(scope="session")
def new_postgres_database(postgres_base_url: str) -> Callable[[str], str]:
    """Creates fresh databases on the session's server: ``new_postgres_database("store")`` → URL."""
    return lambda prefix="t": create_database(postgres_base_url, prefix)


@pytest.fixture
def run_hub() -> Callable[..., subprocess.CompletedProcess[str]]:
    """Runs the real ``hub`` command in a subprocess, optionally killing it (SIGKILL) mid-sync."""

    def run(
        *args: str, check: bool = False, kill_after_cursor: str | None = None, timeout: float = 600
    ) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "hub.cli", *args]
        if kill_after_cursor is None:
            result = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
            if check and result.returncode != 0:
                pytest.fail(f"hub {' '.join(args)} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
            return result
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        _wait_for_committed_batches(kill_after_cursor, process, minimum=3)
        process.send_signal(signal.SIGKILL)
        stdout, stderr = process.communicate(timeout=60)
        return subprocess.CompletedProcess(command, process.returncode, stdout, stderr)

    return run


def _wait_for_committed_batches(store_url: str, process: subprocess.Popen[str], *, minimum: int) -> None:
    """Block until the sync has committed a few batches (its cursor moved), so the kill lands mid-run."""
    database = Path(store_url.removeprefix("sqlite:///"))
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail("the sync finished before it could be killed; use a smaller --batch-size")
        if database.exists():
            try:
                with sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=1) as connection:
                    rows = connection.execute("SELECT COUNT(*) FROM sync_cursors").fetchone()[0]
                    employment = connection.execute("SELECT COUNT(*) FROM followups").fetchone()[0]
                if rows >= minimum and employment > 0:
                    return
            except sqlite3.Error:
                pass
        time.sleep(0.05)
    pytest.fail("the sync never committed a batch within 300 s")


@pytest.fixture(scope="session")
def county_sources(tmp_path_factory: pytest.TempPathFactory) -> SourceSet:
    """One generated county (seed 7), shared by every test of the session: read it, never change it."""
    return generate(tmp_path_factory.mktemp("county") / "sources", scale="county", seed=7)
