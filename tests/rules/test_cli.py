"""`hub reconcile`: JSON lines exactly as RULES.md specifies, a workbook with Chinese headers, clear errors."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from pathlib import Path

from openpyxl import load_workbook
from sqlalchemy import func, select

from graph.rules import RULES
from graph.store import Store, schema
from tests.rules.sources import HandSources, citizen, synced

Run = Callable[..., subprocess.CompletedProcess[str]]


def said(result: subprocess.CompletedProcess[str]) -> str:
    """Standard error with the console's line wrapping undone."""
    return " ".join(result.stderr.split())


def paid_twice(hand: HandSources, url: str) -> str:
    member = citizen("19800101")
    hand.member(hand.household("3607321012010001"), member)
    hand.payment("FF01", "JT01", payee=member, paid_on="2024/05/10")
    hand.payment("FF02", "JT01", payee=member, paid_on="2024/05/11")
    with synced(hand, url):
        pass
    return member


def test_json_lines_on_standard_output_and_the_summary_on_standard_error(
    hand: HandSources, sqlite_url: str, run_hub: Run
) -> None:
    member = paid_twice(hand, sqlite_url)

    result = run_hub("reconcile", "--store", sqlite_url, "--rule", "DUPLICATE_PAYMENT", "--out", "-", check=True)

    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert lines == [
        {
            "rule": "DUPLICATE_PAYMENT",
            "subject": {"voucher": "FF02"},
            "severity": "high",
            "evidence": {
                "first_voucher": "FF01",
                "citizen_id": member,
                "period": "2024-05",
                "subsidy_type": "TRANSPORT",
                "amount": "800.00",
            },
        }
    ]
    assert "DUPLICATE_PAYMENT" in result.stderr and "findings of run 1" in result.stderr


def test_a_rerun_replaces_the_findings_and_the_workbook_has_a_sheet_per_rule(
    hand: HandSources, sqlite_url: str, run_hub: Run, tmp_path: Path
) -> None:
    paid_twice(hand, sqlite_url)
    out, book = tmp_path / "findings.jsonl", tmp_path / "findings.xlsx"

    for _ in range(2):
        run_hub("reconcile", "--store", sqlite_url, "--out", str(out), "--xlsx", str(book), "-q", check=True)

    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    store = Store(sqlite_url)
    with store.engine.connect() as connection:
        stored = connection.execute(select(func.count()).select_from(schema.Finding.__table__)).scalar_one()
    store.close()
    assert stored == len(lines) > 0
    assert all(set(line) == {"rule", "subject", "severity", "evidence"} for line in lines)
    workbook = load_workbook(book, read_only=True)
    assert workbook.sheetnames == ["汇总", *(rule.zh for rule in RULES)]
    rows = list(workbook["重复发放"].iter_rows(values_only=True))
    assert rows[0][:5] == ("序号", "发放凭证号", "严重程度", "状态", "首笔发放凭证号")
    assert rows[1][:5] == (1, "FF02", "高", "待处理", "FF01")
    summary = {row[0]: row[3] for row in workbook["汇总"].iter_rows(min_row=2, values_only=True)}
    assert summary["DUPLICATE_PAYMENT"] == 1
    assert sum(summary.values()) == len(lines)
    workbook.close()


def test_bad_arguments_name_the_value_and_what_was_expected(sqlite_url: str, run_hub: Run, tmp_path: Path) -> None:
    month = run_hub("reconcile", "--store", sqlite_url, "--period", "2024-13")
    assert month.returncode == 1
    assert "period '2024-13' is not a month or a range; expected YYYY-MM or YYYY-MM..YYYY-MM" in said(month)

    rule = run_hub("reconcile", "--store", sqlite_url, "--rule", "NO_SUCH_RULE")
    assert rule.returncode == 1
    assert "unknown rule 'NO_SUCH_RULE'; expected one of ZERO_EMPLOYMENT_HOUSEHOLD" in said(rule)

    config = tmp_path / "rules.toml"
    config.write_text("[thresholds]\nincome_drop_percent = 0\n", encoding="utf-8")
    bad = run_hub("reconcile", "--store", sqlite_url, "--rules-config", str(config))
    assert bad.returncode == 1
    assert "rules.thresholds.income_drop_percent = 0: Input should be greater than or equal to 1" in said(bad)
