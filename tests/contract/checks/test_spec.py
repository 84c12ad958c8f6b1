"""Broken connectors the *spec* check catches: an unmarked secret, a leaking log line, a nullable cursor."""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path
from typing import ClassVar

import pytest
from sqlalchemy import Engine

from connectors.contract import ContractCase, ContractRun, ContractViolation, run_check
from connectors.finance import FinanceConnector
from connectors.finance.streams import Payments
from connectors.framework import ConnectorSettings, Field, open_read_only


class PlainUrlSettings(ConnectorSettings):
    url: str


class PlainUrlFinance(FinanceConnector):
    """Keeps its database URL as plain text, so a password in it is printed with the settings."""

    settings_model = PlainUrlSettings

    @classmethod
    def from_location(cls, location: str) -> PlainUrlFinance:
        return cls(PlainUrlSettings(url=location))  # type: ignore[arg-type]

    @property
    def engine(self) -> Engine:
        return open_read_only(self.settings.url)  # type: ignore[attr-defined]


class ChattyFinance(FinanceConnector):
    """Logs the URL it connects to, password and all."""

    def check(self) -> None:
        logging.getLogger("chatty").info("connecting to %s", self.settings.url.get_secret_value())  # type: ignore[attr-defined]
        super().check()


class DescribingFinance(FinanceConnector):
    """Describes itself with the URL it was given, password and all."""

    def describe(self) -> str:
        return f"finance({self.settings.url.get_secret_value()})"  # type: ignore[attr-defined]


class NullableCursorPayments(Payments):
    columns = tuple(replace(column, nullable=True) if column.name == "CZSJ" else column for column in Payments.columns)


class NullableCursorFinance(FinanceConnector):
    stream_types = (NullableCursorPayments,)


class TypoPayments(Payments):
    fields: ClassVar[dict[str, Field]] = {**Payments.fields, "fund_source": Field("ZJLX")}


class TypoFinance(FinanceConnector):
    stream_types = (TypoPayments,)


def finance(village: Path) -> str:
    return f"sqlite:///{village / 'finance.db'}"


def test_a_credential_in_a_plain_setting_is_caught(village: Path) -> None:
    with pytest.raises(
        ContractViolation,
        match=r"^spec: connector finance: setting 'url' is typed <class 'str'>, but a url may hold a credential; "
        r"expected url: SecretStr",
    ):
        run_check(ContractRun(ContractCase(PlainUrlFinance, finance(village))), "spec")


def test_a_nullable_cursor_column_is_caught(village: Path) -> None:
    with pytest.raises(
        ContractViolation,
        match=r"^spec: connector finance stream BT_FFMX: cursor column CZSJ is declared nullable; "
        r"expected nullable=False: a row without a cursor",
    ):
        run_check(ContractRun(ContractCase(NullableCursorFinance, finance(village))), "spec")


def test_a_field_reading_an_undeclared_column_is_caught(village: Path) -> None:
    with pytest.raises(
        ContractViolation,
        match=r"^spec: connector finance stream BT_FFMX: field fund_source reads column 'ZJLX', which the stream "
        r"does not declare; expected one of \[",
    ):
        run_check(ContractRun(ContractCase(TypoFinance, finance(village))), "spec")


@pytest.mark.postgres
@pytest.mark.parametrize(
    ("connector", "message"),
    [
        (
            ChattyFinance,
            r"^spec: connector finance: a log line shows the secret c… \(19 characters\): chatty: connecting to "
            r"postgresql\+psycopg://postgres:\*\*\*\*@",
        ),
        (
            DescribingFinance,
            r"^spec: connector finance: describe\(\) shows the secret c… \(19 characters\); expected secrets masked",
        ),
    ],
    ids=["log", "describe"],
)
def test_a_password_shown_is_caught(
    connector: type[FinanceConnector], message: str, village_postgres: dict[str, str]
) -> None:
    with pytest.raises(ContractViolation, match=message):
        run_check(ContractRun(ContractCase(connector, village_postgres["finance"])), "spec")
