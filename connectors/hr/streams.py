"""The HR department's employment monitoring system (就业监测信息系统): one stream per table."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from connectors.framework import Column, SqlStream
from connectors.framework.codes import coded
from connectors.framework.values import citizen_id, optional, required
from graph.caliber import credit_code, parse_date, parse_period, region_code, yuan
from graph.records import (
    EmployerRecord,
    EmploymentReportRecord,
    JobPostingRecord,
    MinimumWageRecord,
    PlacementRecord,
    Provenance,
    Record,
    TrainingRecord,
    VillageRecord,
)

DEPARTMENT = "hr"
_status = coded(DEPARTMENT, "employment_status")
_sex = coded(DEPARTMENT, "sex")
_skill = coded(DEPARTMENT, "skill_level")
_employer_type = coded(DEPARTMENT, "employer_type")
_yes_no = coded(DEPARTMENT, "yes_no")
_training_type = coded(DEPARTMENT, "training_type")
_wage_tier = coded(DEPARTMENT, "minimum_wage_tier")


def _county(value: Any) -> str:
    return region_code(value, level="county")


def _village(value: Any) -> str:
    return region_code(value, level="village")


def _hr_period(value: Any) -> str:
    return parse_period(value)


class EmploymentRecords(SqlStream):
    name = "JY_LDLJYXX"
    primary_key = ("ID",)
    cursor_column = "GXSJ"
    produces = (EmploymentReportRecord,)
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

    def map_values(self, values: Mapping[str, Any], provenance: Provenance) -> list[Record]:
        return [
            EmploymentReportRecord(
                provenance=provenance,
                citizen_id=required(values, "SFZH", citizen_id),
                name=required(values, "XM"),
                period=required(values, "BGYF", _hr_period),
                status=required(values, "JYZT", _status),
                sex=optional(values, "XB", _sex),
                hukou_county=optional(values, "HJQX", _county),
                location=optional(values, "JYDD"),
                employer_name=optional(values, "DWMC"),
                employer_credit_code=optional(values, "DWXYDM", credit_code),
                income=optional(values, "YSR", yuan),
                skill_level=optional(values, "JNDJ", _skill),
            )
        ]


class Employers(SqlStream):
    name = "JY_YGDW"
    primary_key = ("DWXYDM",)
    cursor_column = "GXSJ"
    produces = (EmployerRecord,)
    columns = (
        Column("DWXYDM", nullable=False),
        Column("DWMC", nullable=False),
        Column("DWLX", nullable=False),
        Column("SZQX"),
        Column("SFYQ"),
        Column("GXSJ", nullable=False),
    )

    def map_values(self, values: Mapping[str, Any], provenance: Provenance) -> list[Record]:
        in_park = optional(values, "SFYQ", _yes_no)
        return [
            EmployerRecord(
                provenance=provenance,
                credit_code=required(values, "DWXYDM", credit_code),
                name=required(values, "DWMC"),
                employer_type=required(values, "DWLX", _employer_type),
                county_code=optional(values, "SZQX", _county),
                in_industrial_park=None if in_park is None else in_park == "YES",
            )
        ]


class PublicWelfarePlacements(SqlStream):
    name = "JY_GYXGW"
    primary_key = ("ID",)
    cursor_column = "GXSJ"
    produces = (PlacementRecord, VillageRecord)
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

    def map_values(self, values: Mapping[str, Any], provenance: Provenance) -> list[Record]:
        return [
            PlacementRecord(
                provenance=provenance,
                citizen_id=required(values, "SFZH", citizen_id),
                post_name=required(values, "GWMC"),
                village_code=required(values, "SZC", _village),
                start_date=required(values, "KSRQ", parse_date),
                end_date=optional(values, "JSRQ", parse_date),
                monthly_subsidy=required(values, "YBT", yuan),
            )
        ]


class Trainings(SqlStream):
    name = "JY_PXJL"
    primary_key = ("ID",)
    cursor_column = "GXSJ"
    produces = (TrainingRecord,)
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

    def map_values(self, values: Mapping[str, Any], provenance: Provenance) -> list[Record]:
        certified = optional(values, "HGZS", _yes_no)
        return [
            TrainingRecord(
                provenance=provenance,
                citizen_id=required(values, "SFZH", citizen_id),
                training_type=required(values, "PXLX", _training_type),
                institution=optional(values, "PXJG"),
                start_date=required(values, "KSRQ", parse_date),
                end_date=optional(values, "JSRQ", parse_date),
                certified=None if certified is None else certified == "YES",
            )
        ]


class JobPostings(SqlStream):
    name = "JY_GWXX"
    primary_key = ("ID",)
    cursor_column = "GXSJ"
    produces = (JobPostingRecord,)
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

    def map_values(self, values: Mapping[str, Any], provenance: Provenance) -> list[Record]:
        return [
            JobPostingRecord(
                provenance=provenance,
                credit_code=required(values, "DWXYDM", credit_code),
                title=required(values, "GWMC"),
                openings=required(values, "ZPRS", int),
                wage_min=optional(values, "XZXX", yuan),
                wage_max=optional(values, "XZSX", yuan),
                county_code=optional(values, "GZQX", _county),
                skill_required=optional(values, "JNYQ", _skill),
                published_on=required(values, "FBRQ", parse_date),
                valid_until=optional(values, "YXQZ", parse_date),
            )
        ]


class MinimumWages(SqlStream):
    """Minimum wages have no update-time column: the (small) table is read whole every sync."""

    name = "JY_ZDGZ"
    primary_key = ("XZQH", "SXRQ")
    cursor_column = None
    produces = (MinimumWageRecord,)
    columns = (
        Column("XZQH", nullable=False),
        Column("DC", nullable=False),
        Column("YBZ", "integer", nullable=False),
        Column("SXRQ", nullable=False),
    )

    def map_values(self, values: Mapping[str, Any], provenance: Provenance) -> list[Record]:
        return [
            MinimumWageRecord(
                provenance=provenance,
                county_code=required(values, "XZQH", _county),
                effective_from=required(values, "SXRQ", parse_date),
                tier=required(values, "DC", _wage_tier),
                monthly_amount=required(values, "YBZ", yuan),
            )
        ]


STREAMS: tuple[type[SqlStream], ...] = (
    Employers,
    EmploymentRecords,
    PublicWelfarePlacements,
    Trainings,
    JobPostings,
    MinimumWages,
)
