"""The kit as a connector author uses it: a test module subclassing ConnectorContract gets one test per check."""

from __future__ import annotations

from pathlib import Path

import pytest

from connectors.contract import CHECK_NAMES

pytest_plugins = ["pytester"]

ROWS = "".join(
    f"V{n},张三{n},,,职业培训补贴,{n}00.00,202405,2024/05/{n:02d},成功,,2024-05-{n:02d} 09:00:00\r\n"
    for n in range(1, 7)
)
HEADER = "凭证号,收款人姓名,身份证号,银行账号,补贴项目,金额(元),所属月份,发放日期,状态,原凭证号,更新时间\r\n"
TEST_MODULE = """
import pytest
from connectors.contract import ConnectorContract, ContractCase, KnownViolation
from connectors.examples.bank_csv import BankCsvConnector
from connectors.examples.bank_csv.streams import BankPayments

class SinceIgnored(BankPayments):
    def read(self, since=None, *, batch_size=5000):
        return super().read(None, batch_size=batch_size)

class SinceIgnoredBank(BankCsvConnector):
    def streams(self):
        return [SinceIgnored(self.folder, self.name)]

class TestBank(ConnectorContract):
    @pytest.fixture(scope="class")
    @classmethod
    def contract_case(cls):
        return ContractCase({connector}, {folder!r}, known_violations={known})
"""


def run_module(pytester: pytest.Pytester, folder: Path, connector: str, known: str = "()") -> pytest.RunResult:
    pytester.makepyfile(test_bank=TEST_MODULE.format(connector=connector, folder=str(folder), known=known))
    return pytester.runpytest("-p", "no:cacheprovider", "-rA")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "一卡通代发明细_202405.csv").write_bytes((HEADER + ROWS).encode("utf-8-sig"))
    return tmp_path


def test_a_subclass_gets_one_passing_test_per_check(pytester: pytest.Pytester, folder: Path) -> None:
    result = run_module(pytester, folder, "BankCsvConnector")
    result.assert_outcomes(passed=len(CHECK_NAMES))
    result.stdout.fnmatch_lines([f"PASSED test_bank.py::TestBank::test_contract[[]{check}[]]" for check in CHECK_NAMES])


def test_a_broken_connector_fails_only_its_check_with_the_kit_message(pytester: pytest.Pytester, folder: Path) -> None:
    result = run_module(pytester, folder, "SinceIgnoredBank")
    result.assert_outcomes(passed=len(CHECK_NAMES) - 1, failed=1)
    result.stdout.fnmatch_lines(
        [
            "*ContractViolation: incremental: connector bank stream 一卡通发放明细 record 'V1': "
            "read(since='2024-05-0? 09:00:00') yielded it with the earlier cursor '2024-05-01 09:00:00'; expected only "
            "rows with a cursor at or after the saved cursor",
            "FAILED test_bank.py::TestBank::test_contract[[]incremental[]]*",
        ]
    )


def test_a_known_violation_is_an_expected_failure_until_it_is_fixed(pytester: pytest.Pytester, folder: Path) -> None:
    known = '(KnownViolation("incremental", "yielded it with the earlier cursor", "bank ticket 12"),)'
    still_broken = run_module(pytester, folder, "SinceIgnoredBank", known)
    still_broken.assert_outcomes(passed=len(CHECK_NAMES) - 1, xfailed=1)
    still_broken.stdout.fnmatch_lines(
        ["XFAIL test_bank.py::TestBank::test_contract[[]incremental[]] - known violation (bank ticket 12)*"]
    )
    fixed = run_module(pytester, folder, "BankCsvConnector", known)
    fixed.assert_outcomes(passed=len(CHECK_NAMES) - 1, failed=1)
    fixed.stdout.fnmatch_lines(
        [
            "incremental: the known violation matching 'yielded it with the earlier cursor' no longer occurs; expected "
            "it removed from ContractCase.known_violations (bank ticket 12)",
            "FAILED test_bank.py::TestBank::test_contract[[]incremental[]]*",
        ]
    )
