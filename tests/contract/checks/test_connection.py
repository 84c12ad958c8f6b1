"""Broken connectors the *check* check catches: one that never fails, a traceback, a vague or leaking message."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from connectors.contract import ContractCase, ContractRun, ContractViolation, run_check, sql_broken_sources
from connectors.finance import FinanceConnector
from connectors.framework import ConnectorError, SourceSchemaMismatch, SourceUnreachable


class LaxFinance(FinanceConnector):
    """Trusts every source: problems surface only in the middle of a sync."""

    def check(self) -> None:
        return None


class HandRolledFinance(FinanceConnector):
    """Checks with the driver directly and lets its exception out."""

    def check(self) -> None:
        database = make_url(self.settings.url.get_secret_value()).database  # type: ignore[attr-defined]
        with closing(sqlite3.connect(f"file:{database}?mode=ro", uri=True)) as connection:
            connection.execute("SELECT 1 FROM BT_FFMX LIMIT 1")


class VagueFinance(FinanceConnector):
    """Fails, but without saying what is wrong."""

    def check(self) -> None:
        try:
            super().check()
        except ConnectorError as error:
            raise SourceSchemaMismatch("the source is not usable") from error


class LeakyFinance(FinanceConnector):
    """Puts the URL it was given, password and all, into its error message."""

    def check(self) -> None:
        try:
            super().check()
        except ConnectorError as error:
            raise SourceUnreachable(f"cannot use {self.settings.url.get_secret_value()}") from error  # type: ignore[attr-defined]


def case(connector: type[FinanceConnector], village: Path, scratch: Path) -> ContractCase:
    url = f"sqlite:///{village / 'finance.db'}"
    return ContractCase(connector, url, broken=sql_broken_sources(url, table="BT_FFMX", scratch=scratch))


def test_the_built_in_check_refuses_every_broken_source(village: Path, tmp_path: Path) -> None:
    run_check(ContractRun(case(FinanceConnector, village, tmp_path)), "check")


def test_a_check_that_never_fails_is_caught(village: Path, tmp_path: Path) -> None:
    with pytest.raises(
        ContractViolation,
        match=r"^check: connector finance: check\(\) passed on 'sqlite:///\S+/contract-kit-missing\.db', a source "
        r"with a database file that does not exist; expected a ConnectorError \(SourceUnreachable or "
        r"SourceSchemaMismatch\) naming what is wrong",
    ):
        run_check(ContractRun(case(LaxFinance, village, tmp_path)), "check")


def test_a_traceback_instead_of_a_clear_failure_is_caught(village: Path, tmp_path: Path) -> None:
    with pytest.raises(
        ContractViolation,
        match=r"^check: connector finance: check\(\) on 'sqlite:///\S+/contract-kit-missing\.db' with a database "
        r"file that does not exist raised OperationalError: unable to open database file; expected a ConnectorError",
    ):
        run_check(ContractRun(case(HandRolledFinance, village, tmp_path)), "check")


def test_a_message_that_does_not_say_what_is_wrong_is_caught(village: Path, tmp_path: Path) -> None:
    with pytest.raises(
        ContractViolation,
        match=r"^check: connector finance: check\(\) on '\S+' with a database file that does not exist said "
        r"'the source is not usable'; expected a message naming what is wrong \(one matching "
        r"/contract\\-kit\\-missing\\\.db/\)$",
    ):
        run_check(ContractRun(case(VagueFinance, village, tmp_path)), "check")


@pytest.mark.postgres
def test_a_password_in_an_error_message_is_caught(village_postgres: dict[str, str]) -> None:
    url = village_postgres["finance"]
    run = ContractRun(ContractCase(LeakyFinance, url, broken=sql_broken_sources(url, table="BT_FFMX")))
    with pytest.raises(
        ContractViolation,
        match=r"^check: connector finance: the error for bad credentials \(an unknown user\) shows a secret: cannot "
        r"use postgresql\+psycopg://contract_kit_nobody:\*\*\*\*@127\.0\.0\.1:\d+/\w+; expected no secret",
    ) as caught:
        run_check(run, "check")
    assert "contract-kit-wrong" not in str(caught.value)
