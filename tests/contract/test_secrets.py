"""What the kit treats as secret, and how it keeps secrets out of its own messages."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import SecretStr

from connectors.contract import ContractCase, ContractRun, ContractViolation, run_check
from connectors.contract.secrets import masked, password_of, scrub, sensitive_values
from connectors.finance import FinanceConnector
from connectors.framework import ConnectorSettings, SqlSettings


class TokenSettings(ConnectorSettings):
    folder: Path
    token: SecretStr


def test_only_a_urls_password_is_secret() -> None:
    settings = SqlSettings(url=SecretStr("postgresql+psycopg://hub:pa55@db.example:5432/hr"))
    assert sensitive_values(settings) == ["pa55"]
    assert sensitive_values(SqlSettings(url=SecretStr("sqlite:////data/hr.db"))) == []


def test_a_secret_that_is_not_a_url_is_secret_whole() -> None:
    settings = TokenSettings(folder=Path("/in"), token=SecretStr("t0k3n"))
    assert sensitive_values(settings, ["extra"]) == ["extra", "t0k3n"]


def test_messages_are_masked_and_scrubbed() -> None:
    url = "postgresql://hub:pa55@db.example/hr"
    assert password_of(url) == "pa55"
    assert password_of("/data/ledgers") is None
    assert masked(url) == "postgresql://hub:***@db.example/hr"
    assert scrub(f"cannot use {url}", ["pa55"]) == "cannot use postgresql://hub:****@db.example/hr"


class ShowingFinance(FinanceConnector):
    """Fails to start and says why with the whole location, password and all."""

    @classmethod
    def from_location(cls, location: str) -> ShowingFinance:
        raise ValueError(f"cannot parse {location}")


def test_the_kits_own_messages_never_show_a_password() -> None:
    run = ContractRun(ContractCase(ShowingFinance, "postgresql://hub:pa55@127.0.0.1:1/finance", secrets=("hub",)))
    with pytest.raises(ContractViolation) as caught:
        run_check(run, "spec")
    assert str(caught.value) == (
        "spec: connector finance: from_location('postgresql://****:***@127.0.0.1:1/finance') raised ValueError: "
        "cannot parse postgresql://****:****@127.0.0.1:1/finance; expected a connector for the fixture source"
    )
    assert caught.value.__cause__ is None
