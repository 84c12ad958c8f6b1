"""The departments' code values the rules depend on, mapped to the unified caliber (CALIBER.md)."""

from __future__ import annotations

HR_STATUS: dict[str, str] = {
    "11": "OUT_OF_PROVINCE",
    "12": "IN_PROVINCE",
    "21": "IN_COUNTY_ENTERPRISE",
    "22": "WORKSHOP",
    "23": "PUBLIC_WELFARE_POST",
    "31": "SELF_EMPLOYED",
    "32": "FLEXIBLE",
    "41": "FARMING",
    "90": "UNEMPLOYED",
}

RETURNED = "返乡"
"""A follow-up label that is an event (RETURNED) and means UNEMPLOYED for the month's status."""

FOLLOWUP_STATUS: dict[str, str] = {
    "省外务工": "OUT_OF_PROVINCE",
    "省内务工": "IN_PROVINCE",
    "县内务工": "IN_COUNTY_ENTERPRISE",
    "车间就业": "WORKSHOP",
    "公益岗位": "PUBLIC_WELFARE_POST",
    "自主创业": "SELF_EMPLOYED",
    "灵活就业": "FLEXIBLE",
    "务农": "FARMING",
    "未就业": "UNEMPLOYED",
    RETURNED: "UNEMPLOYED",
}

NOT_EMPLOYED = ("UNEMPLOYED", "FARMING")
NO_LABOR = ("丧失劳动力", "无劳动力")
FULL_LABOR = ("普通劳动力", "技能劳动力")
NOT_STUDENT = "非在校生"
WILLING = ("愿意", "未定")
WORKSHOP_CLOSED = ("停产", "注销")

PUBLIC_POST_SUBSIDIES = ("GY01", "GF01")
EMPLOYER_SUBSIDIES = ("XN01", "CJ01")
WORKSHOP_SUBSIDY = "CJ01"
PAID, REVERSAL = "1", "3"

# Thresholds: the RULES.md defaults.
MIN_AGE, MAX_AGE = 16, 60  # "16–60" is inclusive; age in whole years on the month's first day
DROP_KEEPS_TENTHS = 7  # a drop of at least 30 %: current * 10 <= earlier * 7, exactly, in fen
VISIT_BY_DAY, ENTRY_BY_DAY = 20, 25
