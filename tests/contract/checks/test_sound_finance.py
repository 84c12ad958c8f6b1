"""The finance connector with its fund source mapped passes every check: each broken variant has one defect."""

from __future__ import annotations

from pathlib import Path

import pytest

from connectors.contract import CHECK_NAMES, ContractCase, ContractRun, run_check, sql_broken_sources
from tests.contract.checks.finance import SoundPayments, finance_with


@pytest.fixture(scope="module")
def run(village: Path, tmp_path_factory: pytest.TempPathFactory) -> ContractRun:
    url = f"sqlite:///{village / 'finance.db'}"
    broken = sql_broken_sources(url, table="BT_FFMX", scratch=tmp_path_factory.mktemp("sound"))
    return ContractRun(ContractCase(finance_with(SoundPayments), url, broken=broken))


@pytest.mark.parametrize("check", CHECK_NAMES)
def test_the_base_of_the_broken_variants_passes(run: ContractRun, check: str) -> None:
    run_check(run, check)
