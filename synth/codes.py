"""The departments' code lists (from the DDL comments) and how a simulated situation is written in each."""

from __future__ import annotations

from enum import StrEnum


class Kind(StrEnum):
    """A laborer's situation in a month; the unified employment status it is written as."""

    OUT = "OUT_OF_PROVINCE"
    IN = "IN_PROVINCE"
    COUNTY = "IN_COUNTY_ENTERPRISE"
    WORKSHOP = "WORKSHOP"
    POST = "PUBLIC_WELFARE_POST"
    SELF = "SELF_EMPLOYED"
    FLEX = "FLEXIBLE"
    FARM = "FARMING"
    IDLE = "UNEMPLOYED"


EMPLOYED = frozenset(kind for kind in Kind if kind not in (Kind.FARM, Kind.IDLE))

HR_STATUS: dict[Kind, str] = {
    Kind.OUT: "11",
    Kind.IN: "12",
    Kind.COUNTY: "21",
    Kind.WORKSHOP: "22",
    Kind.POST: "23",
    Kind.SELF: "31",
    Kind.FLEX: "32",
    Kind.FARM: "41",
    Kind.IDLE: "90",
}

FOLLOWUP_LABEL: dict[Kind, str] = {
    Kind.OUT: "省外务工",
    Kind.IN: "省内务工",
    Kind.COUNTY: "县内务工",
    Kind.WORKSHOP: "车间就业",
    Kind.POST: "公益岗位",
    Kind.SELF: "自主创业",
    Kind.FLEX: "灵活就业",
    Kind.FARM: "务农",
    Kind.IDLE: "未就业",
}
RETURNED_LABEL = "返乡"

# Registry (扶贫办) labels.
NORMAL, SKILLED, SEMI_WEAK = "普通劳动力", "技能劳动力", "弱劳动力或半劳动力"
LOST, NO_LABOR = "丧失劳动力", "无劳动力"
LABOR_FORCE = frozenset({NORMAL, SKILLED, SEMI_WEAK})
NOT_STUDENT = "非在校生"
WILLING, UNWILLING, UNDECIDED = "愿意", "不愿意", "未定"
DISABILITIES = ("视力", "听力", "言语", "肢体", "智力", "精神", "多重")
SKILL_LEVELS = ("初级工", "中级工", "高级工", "技师", "高级技师")

LIFTED, POOR, UNSTABLE, MARGINAL, SUDDEN = "已脱贫", "未脱贫", "脱贫不稳定户", "边缘易致贫户", "突发严重困难户"

WORKSHOP_OPEN, WORKSHOP_HALTED, WORKSHOP_CLOSED = "运营", "停产", "注销"

# HR employer types (DWLX) and training types (PXLX).
ENTERPRISE, FAMILY_FARM, COOPERATIVE, WORKSHOP_OPERATOR, OTHER_EMPLOYER = "01", "02", "03", "04", "09"
TRAINING_TYPES = ("01", "02", "03", "04")

# Finance subsidy items (BTXM), statuses (ZT) and fund sources (ZJLY).
POST_SUBSIDY, PV_POST_SUBSIDY, WORKSHOP_SUBSIDY, HIRING_SUBSIDY = "GY01", "GF01", "CJ01", "XN01"
TRANSPORT_SUBSIDY, JOB_SEEKING_SUBSIDY, TRAINING_SUBSIDY, LOAN_INTEREST = "JT01", "QZ01", "PX01", "CY01"
PAID, RETURNED_PAYMENT, REVERSAL = "1", "2", "3"
FUND_SOURCE: dict[str, str] = {
    POST_SUBSIDY: "就业补助资金",
    PV_POST_SUBSIDY: "光伏收益",
    WORKSHOP_SUBSIDY: "财政扶贫资金",
    HIRING_SUBSIDY: "就业补助资金",
    TRANSPORT_SUBSIDY: "财政扶贫资金",
    JOB_SEEKING_SUBSIDY: "就业补助资金",
    TRAINING_SUBSIDY: "就业补助资金",
    LOAN_INTEREST: "财政扶贫资金",
}

POSTS = ("保洁员", "护林员", "水管员", "村级信息员", "公路养护员", "河道保洁员", "孤寡老人看护员")
PV_POST = "光伏电站管护员"
