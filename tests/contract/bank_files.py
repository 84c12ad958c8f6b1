"""Bank payment files for the example connector, made from a generated finance database.

The bank pays the same vouchers finance recorded (individual payees only), so the files carry the
generator's planted faults, plus the bank's own habits: Chinese labels, amounts with thousands
separators, IDs wrapped as ``="…"``, card numbers in groups of four, one file per month, and a few
payments still pending (处理中), which no mapping covers, so they are quarantined.
"""

from __future__ import annotations

import csv
import io
import sqlite3
from collections import defaultdict
from pathlib import Path

from connectors.examples.bank_csv.csvfile import HEADERS
from graph.caliber import Invalid, load_caliber

#: How a GBK export spells two headers (full-width brackets, a stray space): the connector must fold them.
GBK_HEADERS = {"金额(元)": "金额（元）", "身份证号": " 身份证号 "}
#: Every this-many-th payment is still pending at the bank (处理中), a status no mapping covers.
PENDING_EVERY = 50
PENDING = "处理中"


def bank_label(element: str, finance_value: str) -> str:
    """The bank's label for what finance wrote (unknown values pass through, to be quarantined)."""
    caliber = load_caliber()
    try:
        code = caliber.map_code("finance", element, finance_value)
    except Invalid:
        return finance_value
    return caliber.source_values("bank", element, code)[0]


def write_bank_files(finance_db: Path, folder: Path, *, encoding: str) -> Path:
    """One CSV per payment month in ``folder``, encoded ``utf-8-sig`` or ``gbk``."""
    if encoding not in ("utf-8-sig", "gbk"):
        raise ValueError(f"encoding {encoding!r}: expected 'utf-8-sig' or 'gbk'")
    connection = sqlite3.connect(f"file:{finance_db}?mode=ro", uri=True)
    try:
        payments = connection.execute(
            "SELECT FFPZH, SKRXM, SKRZJHM, SKZH, BTXM, JEF, SSYF, FFRQ, ZT, YFFPZH, CZSJ FROM BT_FFMX "
            "WHERE SKRXM IS NOT NULL ORDER BY FFPZH"
        ).fetchall()
    finally:
        connection.close()
    months: dict[str, list[list[str]]] = defaultdict(list)
    for index, (voucher, name, citizen, account, item, fen, period, paid, status, reverses, updated) in enumerate(
        payments
    ):
        months[paid[:7].replace("/", "")].append(
            [
                voucher,
                name,
                f'="{citizen}"' if citizen and index % 3 == 0 else citizen or "",
                " ".join(account[i : i + 4] for i in range(0, len(account), 4))
                if account and index % 4 == 0
                else account or "",
                bank_label("subsidy_type", item),
                f"{fen / 100:,.2f}",
                (period or "").replace("-", ""),
                paid,
                PENDING if index % PENDING_EVERY == PENDING_EVERY - 1 else bank_label("payment_status", status),
                reverses or "",
                updated,
            ]
        )
    folder.mkdir(parents=True, exist_ok=True)
    header = [GBK_HEADERS.get(name, name) for name in HEADERS] if encoding == "gbk" else list(HEADERS)
    for month, rows in months.items():
        text = io.StringIO(newline="")
        writer = csv.writer(text, lineterminator="\r\n")
        writer.writerow(header)
        writer.writerows(rows)
        text.write("\r\n")  # a trailing blank line, as Excel leaves one
        (folder / f"一卡通代发明细_{month}.csv").write_bytes(text.getvalue().encode(encoding))
    return folder
