"""The pytest side of the kit: one base class whose subclasses get every contract test.

A connector's test module subclasses :class:`ConnectorContract` as ``Test...`` and provides a
``contract_case`` fixture (class scope or wider); pytest then runs ``test_contract[spec]``,
``test_contract[check]``, ... one test per check, each failing with the check's own message.
"""

from __future__ import annotations

import re

import pytest

from connectors.contract.case import CHECK_NAMES, ContractCase
from connectors.contract.checks import CHECKS
from connectors.contract.run import ContractRun
from connectors.contract.violation import ContractViolation


def run_check(run: ContractRun, check: str) -> None:
    """Run one check; a known violation that still occurs is an expected failure, a fixed one a failure."""
    known = run.case.known(check)
    if known is None:
        _checked(run, check)
        return
    try:
        _checked(run, check)
    except ContractViolation as violation:
        if re.search(known.match, str(violation)):
            pytest.xfail(f"known violation ({known.reason}): {violation}")
        raise
    pytest.fail(
        f"{check}: the known violation matching {known.match!r} no longer occurs; expected it removed from "
        f"ContractCase.known_violations ({known.reason})",
        pytrace=False,
    )


def _checked(run: ContractRun, check: str) -> None:
    """Run the check; its violation never shows a secret (then without the cause, which might)."""
    try:
        CHECKS[check](run)
    except ContractViolation as violation:
        clean = violation.without(run.case.secret_strings())
        if str(clean) == str(violation):
            raise
        raise clean from None


class ConnectorContract:
    """Every contract check as a test; subclass as ``Test<Connector>Contract`` with a ``contract_case`` fixture."""

    @pytest.fixture(scope="class")
    @classmethod
    def contract_run(cls, contract_case: ContractCase) -> ContractRun:
        return ContractRun(contract_case)

    @pytest.mark.parametrize("check", CHECK_NAMES)
    def test_contract(self, contract_run: ContractRun, check: str) -> None:
        run_check(contract_run, check)
