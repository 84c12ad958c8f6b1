"""The bank's payment rows (一卡通发放明细) as a declared stream of unified payment records."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

from connectors.examples.bank_csv.csvfile import BankFileError, read_rows
from connectors.framework import Column, ConnectorError, Field, RawRow, SourceSchemaMismatch, Stream, coded
from graph.caliber import Invalid, citizen_id, parse_date, parse_period, parse_timestamp, yuan
from graph.records import PaymentRecord

DEPARTMENT = "bank"


def amount(value: Any) -> Decimal:
    """Yuan as the bank prints it, thousands separators and all (``1,234.50``)."""
    return yuan(str(value).replace(",", ""))


def account(value: Any) -> str:
    """A card or account number without the spaces banks print in groups of four."""
    return "".join(str(value).split())


class BankPayments(Stream):
    """Every row of every ``*.csv`` file in the bank's folder, ordered by update time.

    The bank restates a voucher in a later file when its status changes, with a later update time:
    that later row wins, because the hub applies rows in cursor order.
    """

    name = "一卡通发放明细"
    primary_key = ("凭证号",)
    cursor_column = "更新时间"
    record_type = PaymentRecord
    columns = (
        Column("凭证号", nullable=False),
        Column("收款人姓名"),
        Column("身份证号"),
        Column("银行账号"),
        Column("补贴项目", nullable=False),
        Column("金额(元)", nullable=False),
        Column("所属月份"),
        Column("发放日期", nullable=False),
        Column("状态", nullable=False),
        Column("原凭证号"),
        Column("更新时间", nullable=False),
    )
    fields = {
        "voucher": Field("凭证号", required=True),
        "subsidy_type": Field("补贴项目", coded(DEPARTMENT, "subsidy_type"), required=True),
        "amount": Field("金额(元)", amount, required=True),
        "paid_on": Field("发放日期", parse_date, required=True),
        "status": Field("状态", coded(DEPARTMENT, "payment_status"), required=True),
        "covered_period": Field("所属月份", parse_period),
        "payee_name": Field("收款人姓名"),
        "payee_citizen_id": Field("身份证号", citizen_id),
        "account": Field("银行账号", account),
        "reverses_voucher": Field("原凭证号"),
    }

    def __init__(self, folder: Path, source: str) -> None:
        self.folder = folder
        self.source = source

    def read(self, since: str | None = None, *, batch_size: int = 5000) -> Iterator[list[RawRow]]:
        rows = [row for row in self._rows() if since is None or row.cursor >= since]  # type: ignore[operator]
        rows.sort(key=lambda row: (row.cursor, row.key))
        for start in range(0, len(rows), batch_size):
            yield rows[start : start + batch_size]

    def _rows(self) -> Iterator[RawRow]:
        for path in sorted(self.folder.glob("*.csv")):
            try:
                for number, values in read_rows(path):
                    key = values["凭证号"] or f"{path.name}:{number}"
                    yield RawRow(key, _cursor(values["更新时间"], path, number), values)
            except BankFileError as error:
                raise SourceSchemaMismatch(str(error), suggestion="ask the bank to resend the file") from error


def _cursor(value: str | None, path: Path, number: int) -> str:
    """The update time as ``YYYY-MM-DD HH:MM:SS`` text (the bank may write slashes), so cursors compare."""
    try:
        return parse_timestamp((value or "").replace("/", "-")).strftime("%Y-%m-%d %H:%M:%S")
    except Invalid as error:
        raise ConnectorError(
            f"{path.name}, row {number}: 更新时间 {value!r} is not a time, so the row cannot be placed in cursor order",
            suggestion="ask the bank to resend the file with update times as YYYY-MM-DD HH:MM:SS",
        ) from error
