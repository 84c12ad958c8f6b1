"""The three SQL connectors pass the contract on PostgreSQL sources, whose URLs carry a password."""

from __future__ import annotations

import pytest

from connectors.contract import ConnectorContract, ContractCase, sql_broken_sources
from connectors.finance import FinanceConnector
from connectors.framework import SqlConnector
from connectors.hr import HrConnector
from connectors.poverty import PovertyConnector
from tests.contract import known

pytestmark = pytest.mark.postgres


def postgres_case(connector: type[SqlConnector], urls: dict[str, str], empty: str, **options: object) -> ContractCase:
    url = urls[connector.name]
    broken = sql_broken_sources(url, table=connector.stream_types[0].name, empty_database_url=empty)
    return ContractCase(connector, url, broken=broken, **options)  # type: ignore[arg-type]


class TestHrOnPostgres(ConnectorContract):
    @pytest.fixture(scope="class")
    @classmethod
    def contract_case(cls, village_postgres: dict[str, str], empty_postgres: str) -> ContractCase:
        return postgres_case(HrConnector, village_postgres, empty_postgres)


class TestPovertyOnPostgres(ConnectorContract):
    @pytest.fixture(scope="class")
    @classmethod
    def contract_case(cls, village_postgres: dict[str, str], empty_postgres: str) -> ContractCase:
        return postgres_case(PovertyConnector, village_postgres, empty_postgres)


class TestFinanceOnPostgres(ConnectorContract):
    @pytest.fixture(scope="class")
    @classmethod
    def contract_case(cls, village_postgres: dict[str, str], empty_postgres: str) -> ContractCase:
        return postgres_case(FinanceConnector, village_postgres, empty_postgres, known_violations=known.FINANCE)
