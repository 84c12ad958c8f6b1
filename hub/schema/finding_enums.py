"""GraphQL enums of the rules' findings, built from the rule definitions so each value documents its rule.

``RuleCode`` lists RULES.md's rules in its order with their Chinese names; values are the codes the
findings store keeps, so a stored row serializes as it is (severities are stored lower-case).
"""

from __future__ import annotations

from enum import Enum
from typing import Any

import strawberry

from graph.rules import ACKNOWLEDGED, OPEN, RESOLVED, RULES
from graph.rules.config import SEVERITIES

_KIND_ZH = {"monitoring": "政策监测", "reconciliation": "跨部门比对"}


def _describe(name: str, kind: str, alert: bool) -> str:
    return f"{name} ({_KIND_ZH[kind]}{'; an alert with suggested measures' if alert else ''})"


RuleCode: Any = strawberry.enum(  # type: ignore[misc]
    Enum(
        "RuleCode",
        {
            rule.code: strawberry.enum_value(rule.code, description=_describe(rule.zh, rule.kind, rule.alert))
            for rule in RULES
        },
    ),
    description="A monitoring or reconciliation rule of RULES.md.",
)

RuleKind: Any = strawberry.enum(  # type: ignore[misc]
    Enum(
        "RuleKind",
        {
            "MONITORING": strawberry.enum_value(
                "monitoring", description="政策监测: one department's data checked against the policy."
            ),
            "RECONCILIATION": strawberry.enum_value(
                "reconciliation", description="跨部门比对: two or more departments disagree."
            ),
        },
    ),
    description="What a rule checks.",
)

FindingStatus: Any = strawberry.enum(  # type: ignore[misc]
    Enum(
        "FindingStatus",
        {
            OPEN: strawberry.enum_value(OPEN, description="待处理: found and not yet handled."),
            ACKNOWLEDGED: strawberry.enum_value(
                ACKNOWLEDGED,
                description="已确认: someone is handling it; rule runs keep it acknowledged while it holds.",
            ),
            RESOLVED: strawberry.enum_value(
                RESOLVED,
                description="已解决: resolved by a person with the measure taken, or by a rule run that no longer "
                "finds it (a later run that finds it again reopens only the latter).",
            ),
        },
    ),
    description="Where a finding stands.",
)

FindingSeverity: Any = strawberry.enum(  # type: ignore[misc]
    Enum(
        "FindingSeverity",
        {
            severity.upper(): strawberry.enum_value(severity, description=zh)
            for severity, zh in zip(SEVERITIES, ("高", "中", "低"), strict=True)
        },
    ),
    description="How urgent a rule's findings are (rules.toml's severity of the rule).",
)

MeasureKind: Any = strawberry.enum(  # type: ignore[misc]
    Enum(
        "MeasureKind",
        {
            "JOB_POSTING": strawberry.enum_value("JOB_POSTING", description="岗位推荐: an open job posting (点对点)."),
            "WORKSHOP": strawberry.enum_value("WORKSHOP", description="帮扶车间: an operating workshop nearby."),
            "PUBLIC_WELFARE_POST": strawberry.enum_value(
                "PUBLIC_WELFARE_POST", description="公益性岗位: a public-welfare post in the township."
            ),
            "TRAINING": strawberry.enum_value("TRAINING", description="技能培训: skills training, when no offer fits."),
        },
    ),
    description="What a suggested measure offers (the six top-ups, 六个增补).",
)
