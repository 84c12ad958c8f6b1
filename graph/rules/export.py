"""Reading a run's findings back out: JSON lines as RULES.md specifies, or a workbook for spreadsheet users.

Each JSON line is exactly ``{"rule", "subject", "severity", "evidence"}`` with the rule's subject keys,
so a run compares one-to-one with ``truth.json["findings"]``. The workbook has a summary sheet and one
sheet per rule with Chinese headers, the evidence spread over columns and the measures in one cell.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import chain
from pathlib import Path
from typing import IO, Any

from openpyxl import Workbook
from sqlalchemy import Connection, text

from graph.rules.definitions import RULES
from graph.rules.rule import Rule

_READ = """
SELECT id, subject_key, severity, status, evidence, measures FROM findings
WHERE rule = :rule AND last_seen_run = :run
ORDER BY subject_key
"""

SUBJECT_HEADERS = {
    "citizen_id": "身份证号码",
    "household": "户编号",
    "village": "行政村代码",
    "county": "县级区划代码",
    "voucher": "发放凭证号",
    "account": "收款账号",
    "period": "月份",
}
EVIDENCE_HEADERS = {
    "village": "所在村",
    "laborers": "符合条件的劳动力",
    "status": "就业状态",
    "income": "月收入（元）",
    "income_month_before": "上月收入（元）",
    "income_year_before": "上年同月收入（元）",
    "minimum_wage": "最低工资标准（元）",
    "county": "县级区划",
    "wage_effective_from": "最低工资生效日期",
    "returned_in": "返乡月份",
    "late_visits": "逾期回访数",
    "late_entries": "逾期录入数",
    "latest_visit": "最晚回访日期",
    "latest_entry": "最晚录入日期",
    "labor_category": "劳动力类别",
    "birth_date": "出生日期",
    "school_status": "在校生状况",
    "age_first_period": "首个检查月年龄",
    "age_last_period": "末个检查月年龄",
    "total": "补贴合计（元）",
    "vouchers": "发放凭证",
    "employed": "本月就业人数",
    "employed_year_before": "上年同月就业人数",
    "hr_status": "人社就业状态",
    "followups": "回访就业状态",
    "citizen_id": "补贴对象身份证号码",
    "subsidy_type": "补贴类别",
    "amount": "金额（元）",
    "period": "所属月份",
    "first_voucher": "首笔发放凭证号",
    "last_placement_end": "最近岗位结束日期",
    "employer": "收款单位信用代码",
    "status_employer": "人社记录就业单位",
    "operator": "车间经营主体信用代码",
    "workshops": "车间编号",
    "last_update": "车间最后更新月份",
    "households": "涉及户编号",
    "payees": "收款人数",
    "payments": "发放笔数",
}
SEVERITY_ZH = {"high": "高", "medium": "中", "low": "低"}
STATUS_ZH = {"OPEN": "待处理", "ACKNOWLEDGED": "已确认", "RESOLVED": "已解决"}
KIND_ZH = {"monitoring": "政策监测", "reconciliation": "跨部门比对"}


@dataclass(frozen=True, slots=True)
class StoredFinding:
    id: int
    rule: Rule
    subject: dict[str, str]
    severity: str
    status: str
    evidence: dict[str, Any]
    measures: list[dict[str, Any]]

    def line(self) -> dict[str, Any]:
        """The finding as RULES.md's output object."""
        return {"rule": self.rule.code, "subject": self.subject, "severity": self.severity, "evidence": self.evidence}


def read_findings(connection: Connection, run: int, rules: Sequence[Rule] = RULES) -> Iterator[StoredFinding]:
    """The findings that held in ``run``, rule by rule in RULES.md's order, by subject within a rule."""
    for rule in rules:
        rows = connection.execution_options(yield_per=5000).execute(text(_READ), {"rule": rule.code, "run": run})
        for finding_id, key, severity, status, evidence, measures in rows:
            yield StoredFinding(
                finding_id,
                rule,
                rule.subject(key),
                severity,
                status,
                json.loads(evidence),
                json.loads(measures) if measures else [],
            )


def write_json_lines(findings: Iterable[StoredFinding], out: IO[str]) -> int:
    count = 0
    for finding in findings:
        out.write(json.dumps(finding.line(), ensure_ascii=False))
        out.write("\n")
        count += 1
    return count


def _cell(value: Any) -> Any:
    if isinstance(value, list):
        return "、".join(str(item) for item in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return value


def _measures_cell(measures: list[dict[str, Any]]) -> str:
    return "\n".join(
        f"{m.get('rank', i)}. {m.get('title', '')} — {m.get('reason', '')}" for i, m in enumerate(measures, start=1)
    )


def write_workbook(
    path: Path, rules: Sequence[Rule], findings_of: Callable[[Rule], Iterable[StoredFinding]]
) -> dict[str, int]:
    """A summary sheet, then one sheet per rule (Chinese headers); returns findings written per rule."""
    workbook = Workbook(write_only=True)
    summary = workbook.create_sheet("汇总")
    counts: dict[str, int] = {}
    for rule in rules:
        sheet = workbook.create_sheet(_sheet_title(rule))
        findings = iter(findings_of(rule))
        first = next(findings, None)
        keys = list(first.evidence) if first is not None else []
        sheet.append(_header(rule, keys))
        count = 0
        for finding in chain([first] if first is not None else [], findings):
            count += 1
            sheet.append(
                [
                    count,
                    *(finding.subject[key] for key in rule.keys),
                    SEVERITY_ZH.get(finding.severity, finding.severity),
                    STATUS_ZH.get(finding.status, finding.status),
                    *(_cell(finding.evidence.get(key)) for key in keys),
                    _measures_cell(finding.measures),
                    finding.id,
                ]
            )
        counts[rule.code] = count
    summary.append(["规则代码", "规则名称", "类别", "发现数"])
    for rule in rules:
        summary.append([rule.code, rule.zh, KIND_ZH[rule.kind], counts[rule.code]])
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(path)
    return counts


def _header(rule: Rule, evidence: list[str]) -> list[str]:
    return [
        "序号",
        *(SUBJECT_HEADERS[key] for key in rule.keys),
        "严重程度",
        "状态",
        *(EVIDENCE_HEADERS.get(key, key) for key in evidence),
        "建议措施",
        "发现编号",
    ]


def _sheet_title(rule: Rule) -> str:
    """Excel allows 31 characters and none of ``[]:*?/\\`` in a sheet title."""
    title = rule.zh
    for character in "[]:*?/\\":
        title = title.replace(character, "")
    return title[:31]
