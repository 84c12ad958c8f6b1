"""The HR department's employment monitoring system (就业监测信息系统): one declared stream per table."""

from __future__ import annotations

from functools import partial
from typing import Any

from connectors.framework import Column, Field, RawColumns, SqlStream, coded
from graph.caliber import citizen_id, credit_code, parse_date, parse_period, region_code, yuan
from graph.records import (
    EmployerRecord,
    EmploymentReportRecord,
    JobPostingRecord,
    MinimumWageRecord,
    PlacementRecord,
    TrainingRecord,
)

DEPARTMENT = "hr"
county = partial(region_code, level="county")
village = partial(region_code, level="village")
yes_no = coded(DEPARTMENT, "yes_no")


def _as_flag(columns: dict[str, list[Any]], name: str) -> None:
    columns[name] = [None if value is None else value == "YES" for value in columns[name]]


class EmploymentRecords(SqlStream):
    name = "JY_LDLJYXX"
    primary_key = ("ID",)
    cursor_column = "GXSJ"
    record_type = EmploymentReportRecord
    columns = (
        Column("ID", "integer", nullable=False),
        Column("SFZH", nullable=False),
        Column("XM", nullable=False),
        Column("XB"),
        Column("HJQX"),
        Column("JYZT", nullable=False),
        Column("JYDD"),
        Column("DWMC"),
        Column("DWXYDM"),
        Column("YSR", "integer"),
        Column("BGYF", nullable=False),
        Column("JNDJ"),
        Column("GXSJ", nullable=False),
    )
    fields = {
        "citizen_id": Field("SFZH", citizen_id, required=True),
        "name": Field("XM", required=True),
        "period": Field("BGYF", parse_period, required=True),
        "status": Field("JYZT", coded(DEPARTMENT, "employment_status"), required=True),
        "sex": Field("XB", coded(DEPARTMENT, "sex")),
        "hukou_county": Field("HJQX", county),
        "location": Field("JYDD"),
        "employer_name": Field("DWMC"),
        "employer_credit_code": Field("DWXYDM", credit_code),
        "income": Field("YSR", yuan),
        "skill_level": Field("JNDJ", coded(DEPARTMENT, "skill_level")),
    }


class Employers(SqlStream):
    name = "JY_YGDW"
    primary_key = ("DWXYDM",)
    cursor_column = "GXSJ"
    record_type = EmployerRecord
    columns = (
        Column("DWXYDM", nullable=False),
        Column("DWMC", nullable=False),
        Column("DWLX", nullable=False),
        Column("SZQX"),
        Column("SFYQ"),
        Column("GXSJ", nullable=False),
    )
    fields = {
        "credit_code": Field("DWXYDM", credit_code, required=True),
        "name": Field("DWMC", required=True),
        "employer_type": Field("DWLX", coded(DEPARTMENT, "employer_type"), required=True),
        "county_code": Field("SZQX", county),
        "in_industrial_park": Field("SFYQ", yes_no),
    }

    def derive(self, columns: dict[str, list[Any]], raw: RawColumns) -> None:
        _as_flag(columns, "in_industrial_park")


class PublicWelfarePlacements(SqlStream):
    name = "JY_GYXGW"
    primary_key = ("ID",)
    cursor_column = "GXSJ"
    record_type = PlacementRecord
    columns = (
        Column("ID", "integer", nullable=False),
        Column("SFZH", nullable=False),
        Column("GWMC", nullable=False),
        Column("SZC", nullable=False),
        Column("KSRQ", nullable=False),
        Column("JSRQ"),
        Column("YBT", "integer", nullable=False),
        Column("GXSJ", nullable=False),
    )
    fields = {
        "citizen_id": Field("SFZH", citizen_id, required=True),
        "post_name": Field("GWMC", required=True),
        "village_code": Field("SZC", village, required=True),
        "start_date": Field("KSRQ", parse_date, required=True),
        "end_date": Field("JSRQ", parse_date),
        "monthly_subsidy": Field("YBT", yuan, required=True),
    }


class Trainings(SqlStream):
    name = "JY_PXJL"
    primary_key = ("ID",)
    cursor_column = "GXSJ"
    record_type = TrainingRecord
    columns = (
        Column("ID", "integer", nullable=False),
        Column("SFZH", nullable=False),
        Column("PXLX", nullable=False),
        Column("PXJG"),
        Column("KSRQ", nullable=False),
        Column("JSRQ"),
        Column("HGZS"),
        Column("GXSJ", nullable=False),
    )
    fields = {
        "citizen_id": Field("SFZH", citizen_id, required=True),
        "training_type": Field("PXLX", coded(DEPARTMENT, "training_type"), required=True),
        "institution": Field("PXJG"),
        "start_date": Field("KSRQ", parse_date, required=True),
        "end_date": Field("JSRQ", parse_date),
        "certified": Field("HGZS", yes_no),
    }

    def derive(self, columns: dict[str, list[Any]], raw: RawColumns) -> None:
        _as_flag(columns, "certified")


class JobPostings(SqlStream):
    name = "JY_GWXX"
    primary_key = ("ID",)
    cursor_column = "GXSJ"
    record_type = JobPostingRecord
    columns = (
        Column("ID", "integer", nullable=False),
        Column("DWXYDM", nullable=False),
        Column("GWMC", nullable=False),
        Column("ZPRS", "integer", nullable=False),
        Column("XZXX", "integer"),
        Column("XZSX", "integer"),
        Column("GZQX"),
        Column("JNYQ"),
        Column("FBRQ", nullable=False),
        Column("YXQZ"),
        Column("GXSJ", nullable=False),
    )
    fields = {
        "credit_code": Field("DWXYDM", credit_code, required=True),
        "title": Field("GWMC", required=True),
        "openings": Field("ZPRS", int, required=True),
        "wage_min": Field("XZXX", yuan),
        "wage_max": Field("XZSX", yuan),
        "county_code": Field("GZQX", county),
        "skill_required": Field("JNYQ", coded(DEPARTMENT, "skill_level")),
        "published_on": Field("FBRQ", parse_date, required=True),
        "valid_until": Field("YXQZ", parse_date),
    }


class MinimumWages(SqlStream):
    """Minimum wages have no update-time column: the (small) table is read whole every sync."""

    name = "JY_ZDGZ"
    primary_key = ("XZQH", "SXRQ")
    cursor_column = None
    record_type = MinimumWageRecord
    columns = (
        Column("XZQH", nullable=False),
        Column("DC", nullable=False),
        Column("YBZ", "integer", nullable=False),
        Column("SXRQ", nullable=False),
    )
    fields = {
        "county_code": Field("XZQH", county, required=True),
        "effective_from": Field("SXRQ", parse_date, required=True),
        "tier": Field("DC", coded(DEPARTMENT, "minimum_wage_tier"), required=True),
        "monthly_amount": Field("YBZ", yuan, required=True),
    }


STREAMS: tuple[type[SqlStream], ...] = (
    Employers,
    EmploymentRecords,
    PublicWelfarePlacements,
    Trainings,
    JobPostings,
    MinimumWages,
)
