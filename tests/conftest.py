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
from tests.support.sources import COUNTY_MONTHS, COUNTY_SEED, SourceSet, generate, sync_into


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
    """One generated county (seed 7, 14 months), shared by every test of the session: read it, never change it.

    Fourteen months, not the county's default twelve, so that the year-on-year rules (INCOME_DROP, SCALE_DECLINE)
    have months to find something in: the rules' truth test needs that, and the other tests do not mind.
    """
    folder = tmp_path_factory.mktemp("county") / "sources"
    return generate(folder, scale="county", seed=COUNTY_SEED, months=COUNTY_MONTHS)


@pytest.fixture(scope="session")
def county_store_sqlite(county_sources: SourceSet, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The county synced once into a SQLite store file (closed, so the file alone holds it), for every directory.

    Read it, never write it: a test that writes (findings, clients, another sync) works on ``copy_store(...)``,
    a page copy that costs a second where a sync costs most of a minute.
    """
    path = tmp_path_factory.mktemp("county-store") / "store.db"
    store, _ = sync_into(f"sqlite:///{path}", county_sources)
    store.close()
    return path


@pytest.fixture(scope="session")
def county_store_postgres(county_sources: SourceSet, new_postgres_database: Callable[[str], str]) -> str:
    """The county synced once into a PostgreSQL store, for every directory; returns its URL.

    Shared, not copied: what tests write there no other test reads (a client under a name of its own, the rules'
    truth test's findings, a second sync that must write nothing). A test that would act on findings or compare
    the whole store's digest with another store's needs a database of its own. The sync itself analyzes the
    store at its end (without statistics ZERO_EMPLOYMENT_HOUSEHOLD's plan ran for over six minutes on a
    freshly loaded store, 0.6 s once analyzed); ``test_sync_county`` checks that it does.
    """
    url = new_postgres_database("county")
    store, _ = sync_into(url, county_sources)
    store.close()
    return url
