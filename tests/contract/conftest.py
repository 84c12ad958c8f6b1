"""Fixture sources for the contract tests, generated once per session at village scale."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from synth import generate
from tests.contract.bank_files import write_bank_files

SEED = 11
#: A password in the PostgreSQL source URLs (the test server trusts local users, so any password
#: works): the kit must never show it.
PASSWORD = "contract-kit-s3cret"
SQL_SOURCES = ("hr", "poverty", "finance")


@pytest.fixture(scope="session")
def village(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A village-scale source set (SQLite and ledgers): read it, never change it."""
    folder = tmp_path_factory.mktemp("contract") / "village"
    generate(folder, scale="village", seed=SEED)
    return folder


@pytest.fixture(scope="session")
def village_postgres(
    tmp_path_factory: pytest.TempPathFactory, new_postgres_database: Callable[[str], str]
) -> dict[str, str]:
    """The same village in PostgreSQL databases: source name → URL carrying :data:`PASSWORD`."""
    urls = {name: new_postgres_database(name) for name in SQL_SOURCES}
    generate(tmp_path_factory.mktemp("contract-pg") / "village", scale="village", seed=SEED, pg_urls=urls)
    return {name: with_password(url) for name, url in urls.items()}


@pytest.fixture(scope="session")
def empty_postgres(new_postgres_database: Callable[[str], str]) -> str:
    """A PostgreSQL database without any table."""
    return with_password(new_postgres_database("empty"))


@pytest.fixture(scope="session")
def bank_folders(village: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The bank's payment files for the village, once UTF-8 with BOM and once GBK: encoding → folder."""
    root = tmp_path_factory.mktemp("bank")
    return {
        encoding: write_bank_files(village / "finance.db", root / encoding, encoding=encoding)
        for encoding in ("utf-8-sig", "gbk")
    }


def with_password(url: str) -> str:
    return make_url(url).set(password=PASSWORD).render_as_string(hide_password=False)
