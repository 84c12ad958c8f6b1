"""The four built-in connectors pass the contract on SQLite sources and village ledgers."""

from __future__ import annotations

from pathlib import Path

import pytest

from connectors.contract import ConnectorContract, ContractCase, folder_broken_sources, sql_broken_sources
from connectors.finance import FinanceConnector
from connectors.framework import SqlConnector
from connectors.hr import HrConnector
from connectors.ledger import LedgerConnector
from connectors.poverty import PovertyConnector
from tests.contract import known


def sqlite_case(connector: type[SqlConnector], village: Path, scratch: Path, **options: object) -> ContractCase:
    url = f"sqlite:///{village / f'{connector.name}.db'}"
    broken = sql_broken_sources(url, table=connector.stream_types[0].name, scratch=scratch)
    return ContractCase(connector, url, broken=broken, **options)  # type: ignore[arg-type]


class TestHrContract(ConnectorContract):
    @pytest.fixture(scope="class")
    @classmethod
    def contract_case(cls, village: Path, tmp_path_factory: pytest.TempPathFactory) -> ContractCase:
        return sqlite_case(HrConnector, village, tmp_path_factory.mktemp("hr"))


class TestPovertyContract(ConnectorContract):
    @pytest.fixture(scope="class")
    @classmethod
    def contract_case(cls, village: Path, tmp_path_factory: pytest.TempPathFactory) -> ContractCase:
        return sqlite_case(PovertyConnector, village, tmp_path_factory.mktemp("poverty"))


class TestFinanceContract(ConnectorContract):
    @pytest.fixture(scope="class")
    @classmethod
    def contract_case(cls, village: Path, tmp_path_factory: pytest.TempPathFactory) -> ContractCase:
        return sqlite_case(
            FinanceConnector, village, tmp_path_factory.mktemp("finance"), known_violations=known.FINANCE
        )


class TestLedgerContract(ConnectorContract):
    @pytest.fixture(scope="class")
    @classmethod
    def contract_case(cls, village: Path, tmp_path_factory: pytest.TempPathFactory) -> ContractCase:
        folder = village / "ledgers"
        broken = folder_broken_sources(folder, tmp_path_factory.mktemp("ledger"))
        return ContractCase(LedgerConnector, str(folder), broken=broken, known_violations=known.LEDGER)
