"""The departments' DDL ships with the package and runs verbatim; arguments are checked up front."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from synth import GenerationError, Rates, generate
from synth.schema import ddl_text, statements, table


def test_the_ddl_runs_statement_by_statement_on_sqlite() -> None:
    connection = sqlite3.connect(":memory:")
    for source in ("hr", "poverty", "finance"):
        assert "--" in ddl_text(source)
        for statement in statements(source):
            assert "--" not in statement
            connection.execute(statement)
    names = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert names == {
        "JY_LDLJYXX",
        "JY_YGDW",
        "JY_GYXGW",
        "JY_PXJL",
        "JY_GWXX",
        "JY_ZDGZ",
        "PKH",
        "PKHCY",
        "FPCJ",
        "HFJL",
        "BT_FFMX",
    }


def test_table_shapes_come_from_the_ddl() -> None:
    payments = table("BT_FFMX")
    assert payments.columns[0] == "FFPZH" and payments.columns[-1] == "CZSJ"
    assert payments.primary_key == ("FFPZH",) and "JEF" in payments.not_null
    assert table("JY_ZDGZ").primary_key == ("XZQH", "SXRQ")
    with pytest.raises(KeyError, match="table 'NOPE': not in the DDL"):
        table("NOPE")


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ({"scale": "hamlet"}, "scale 'hamlet': expected one of village, county, city, province"),
        ({"months": 0}, "months=0: expected 1 to 100"),
        ({"pg_urls": {"payroll": "postgresql://x"}}, "pg_urls: unknown source.s. payroll"),
    ],
)
def test_bad_arguments_say_what_was_expected(tmp_path: Path, arguments: dict[str, object], message: str) -> None:
    options: dict[str, object] = {"scale": "village", "seed": 1, **arguments}
    with pytest.raises(ValueError, match=message):
        generate(tmp_path / "x", **options)  # type: ignore[arg-type]


def test_rates_must_be_probabilities() -> None:
    with pytest.raises(ValueError, match=r"rate fault=1.5: expected a probability between 0 and 0.5"):
        Rates(fault=1.5)
    assert issubclass(GenerationError, ValueError)
