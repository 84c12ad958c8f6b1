"""The example bank connector passes the contract on UTF-8-with-BOM and GBK files, and reads them alike."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from connectors.contract import BrokenSource, ConnectorContract, ContractCase, ContractRun, folder_broken_sources
from connectors.examples.bank_csv import BankCsvConnector
from connectors.finance import FinanceConnector
from connectors.framework import ConnectorError
from graph.records import PaymentRecord, Rejection
from tests.contract.bank_files import PENDING, PENDING_EVERY

STREAM = "一卡通发放明细"
#: What the bank's file says about a payment as finance does.
SHARED = (
    "voucher",
    "subsidy_type",
    "amount",
    "paid_on",
    "status",
    "covered_period",
    "payee_name",
    "payee_citizen_id",
    "account",
    "reverses_voucher",
)


def bank_broken_sources(folder: Path, scratch: Path) -> tuple[BrokenSource, ...]:
    """A missing folder, a file for a folder, and folders without files, with a file lacking a column or unreadable."""
    empty = scratch / "empty"
    empty.mkdir()
    no_cursor = scratch / "no-update-time"
    no_cursor.mkdir()
    (no_cursor / "一卡通代发明细_202401.csv").write_bytes("凭证号,补贴项目,金额(元),发放日期,状态\r\n".encode("gbk"))
    garbled = scratch / "garbled"
    garbled.mkdir()
    (garbled / "一卡通代发明细_202401.csv").write_bytes(b"\x80\xff not text")
    return (
        *folder_broken_sources(folder, scratch),
        BrokenSource(str(empty), "a folder without payment files", "no bank payment files"),
        BrokenSource(str(no_cursor), "a file without the 更新时间 column", "更新时间"),
        BrokenSource(str(garbled), "a file in neither UTF-8 nor GBK", "neither UTF-8 nor GBK"),
    )


class TestBankCsvContract(ConnectorContract):
    @pytest.fixture(scope="class", params=["utf-8-sig", "gbk"])
    @classmethod
    def contract_case(
        cls, request: pytest.FixtureRequest, bank_folders: dict[str, Path], tmp_path_factory: pytest.TempPathFactory
    ) -> ContractCase:
        folder = bank_folders[request.param]
        return ContractCase(
            BankCsvConnector, str(folder), broken=bank_broken_sources(folder, tmp_path_factory.mktemp("b"))
        )


def test_both_encodings_read_the_same_rows_and_records(bank_folders: dict[str, Path]) -> None:
    reads = {
        encoding: ContractRun(ContractCase(BankCsvConnector, str(folder))).full_read()[STREAM]
        for encoding, folder in bank_folders.items()
    }
    bom, gbk = reads["utf-8-sig"], reads["gbk"]
    assert len(bom.rows) > 300
    assert [(r.key, r.cursor, r.values) for r in bom.rows] == [(r.key, r.cursor, r.values) for r in gbk.rows]
    assert bom.mapped == gbk.mapped


def test_payments_map_like_finance_and_faults_go_to_quarantine(village: Path, bank_folders: dict[str, Path]) -> None:
    read = ContractRun(ContractCase(BankCsvConnector, str(bank_folders["gbk"]))).full_read()[STREAM]
    rejected = {
        row.key: result for row, result in zip(read.rows, read.mapped, strict=True) if isinstance(result, Rejection)
    }
    keys = {row.key for row in read.rows}
    planted = {b["key"]: b["fault"] for b in json.loads((village / "truth.json").read_text())["bad_records"]}
    pending = {r.key for r in read.rows if r.values["状态"] == PENDING}
    assert len(pending) == len(read.rows) // PENDING_EVERY
    assert {key: r.fault for key, r in rejected.items()} == {
        **{key: fault for key, fault in planted.items() if key in keys},
        **dict.fromkeys(pending, "unknown_code"),
    }
    assert all(PENDING in rejected[key].reason for key in pending)
    finance = ContractRun(ContractCase(FinanceConnector, f"sqlite:///{village / 'finance.db'}")).full_read()["BT_FFMX"]
    paid = {result[0].voucher: result[0] for result in finance.mapped if isinstance(result, list)}
    records = [result[0] for result in read.mapped if isinstance(result, list)]
    assert len(records) == len(read.rows) - len(rejected)
    for record in records:
        assert isinstance(record, PaymentRecord) and record.provenance.source == "bank"
        assert [getattr(record, name) for name in SHARED] == [getattr(paid[record.voucher], name) for name in SHARED]


def test_an_update_time_that_is_not_a_time_stops_the_read_with_the_file_and_row(tmp_path: Path) -> None:
    (tmp_path / "一卡通代发明细_202405.csv").write_bytes(
        "凭证号,补贴项目,金额(元),发放日期,状态,更新时间\r\n"
        "V1,职业培训补贴,800.00,2024/05/10,成功,2024-05-10 09:00:00\r\n"
        "V2,职业培训补贴,800.00,2024/05/10,成功,昨天下午\r\n".encode("utf-8-sig")
    )
    connector = BankCsvConnector.from_location(str(tmp_path))
    connector.check()
    with pytest.raises(ConnectorError, match=r"一卡通代发明细_202405\.csv, row 3: 更新时间 '昨天下午' is not a time"):
        list(connector.streams()[0].read())


def test_slashed_update_times_become_comparable_cursors(tmp_path: Path) -> None:
    (tmp_path / "a.csv").write_bytes(
        "凭证号,补贴项目,金额(元),发放日期,状态,更新时间\r\nV2,职业培训补贴,800,2024/05/10,成功,2024/05/11 08:00:00\r\n"
        "V1,职业培训补贴,800,2024/05/10,成功,2024-05-10 09:00:00\r\n".encode()
    )
    (stream,) = BankCsvConnector.from_location(str(tmp_path)).streams()
    assert [(row.key, row.cursor) for batch in stream.read() for row in batch] == [
        ("V1", "2024-05-10 09:00:00"),
        ("V2", "2024-05-11 08:00:00"),
    ]
    assert [row.key for batch in stream.read("2024-05-11 00:00:00") for row in batch] == ["V2"]
