"""The poverty-alleviation office's registry (建档立卡) and follow-up platform: one stream per table."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from connectors.framework import Column, SqlStream
from connectors.framework.codes import coded
from connectors.framework.values import citizen_id, optional, required
from graph.caliber import credit_code, load_caliber, parse_date, parse_period, region_code, yuan
from graph.records import (
    FollowUpRecord,
    HouseholdRecord,
    MemberRecord,
    Provenance,
    Record,
    VillageRecord,
    WorkshopRecord,
)

DEPARTMENT = "poverty"
_household_status = coded(DEPARTMENT, "household_status")
_relation = coded(DEPARTMENT, "relation_to_head")
_labor = coded(DEPARTMENT, "labor_category")
_disability = coded(DEPARTMENT, "disability")
_school = coded(DEPARTMENT, "school_status")
_willingness = coded(DEPARTMENT, "willingness")
_workshop_status = coded(DEPARTMENT, "workshop_status")
_status = coded(DEPARTMENT, "employment_status")


def _returned(label: str) -> bool:
    return load_caliber().event_for(DEPARTMENT, "employment_status", label.strip()) == "RETURNED"


def _village(value: Any) -> str:
    return region_code(value, level="village")


def _students() -> frozenset[str]:
    return frozenset(code.code for code in load_caliber().code_list("school_status") if code.is_student)


_STUDENT_CODES = _students()


class Households(SqlStream):
    name = "PKH"
    primary_key = ("HBH",)
    cursor_column = "XGSJ"
    produces = (HouseholdRecord, VillageRecord)
    columns = (
        Column("HBH", nullable=False),
        Column("XZQH", nullable=False),
        Column("HZXM"),
        Column("HZZJHM"),
        Column("TPZT", nullable=False),
        Column("TPNF", "integer"),
        Column("JTRK", "integer"),
        Column("LXDH"),
        Column("YHZH"),
        Column("XGSJ", nullable=False),
    )

    def map_values(self, values: Mapping[str, Any], provenance: Provenance) -> list[Record]:
        village = required(values, "XZQH", _village)
        return [
            HouseholdRecord(
                provenance=provenance,
                household_no=required(values, "HBH"),
                village_code=village,
                status=required(values, "TPZT", _household_status),
                head_name=optional(values, "HZXM"),
                head_citizen_id=optional(values, "HZZJHM", citizen_id),
                lifted_year=optional(values, "TPNF", int),
                size=optional(values, "JTRK", int),
                phone=optional(values, "LXDH"),
                bank_account=optional(values, "YHZH", _account),
            ),
            VillageRecord(provenance=provenance, code=village),
        ]


def _account(value: Any) -> str:
    return "".join(str(value).split())


class Members(SqlStream):
    name = "PKHCY"
    primary_key = ("ID",)
    cursor_column = "XGSJ"
    produces = (MemberRecord,)
    columns = (
        Column("ID", "integer", nullable=False),
        Column("HBH", nullable=False),
        Column("XM", nullable=False),
        Column("ZJHM"),
        Column("YHZGX"),
        Column("CSRQ"),
        Column("LDJN"),
        Column("CJLB"),
        Column("ZXS"),
        Column("WCYY"),
        Column("XGSJ", nullable=False),
    )

    def map_values(self, values: Mapping[str, Any], provenance: Provenance) -> list[Record]:
        school = optional(values, "ZXS", _school)
        return [
            MemberRecord(
                provenance=provenance,
                citizen_id=required(values, "ZJHM", citizen_id),
                household_no=required(values, "HBH"),
                name=required(values, "XM"),
                relation=optional(values, "YHZGX", _relation),
                birth_date=optional(values, "CSRQ", parse_date),
                labor_category=optional(values, "LDJN", _labor),
                disability=optional(values, "CJLB", _disability),
                school_status=school,
                is_student=school in _STUDENT_CODES,
                willingness=optional(values, "WCYY", _willingness),
            )
        ]


class Workshops(SqlStream):
    name = "FPCJ"
    primary_key = ("CJBH",)
    cursor_column = "XGSJ"
    produces = (WorkshopRecord, VillageRecord)
    columns = (
        Column("CJBH", nullable=False),
        Column("CJMC", nullable=False),
        Column("XZQH", nullable=False),
        Column("XYDM"),
        Column("RDRQ"),
        Column("ZT", nullable=False),
        Column("XGSJ", nullable=False),
    )

    def map_values(self, values: Mapping[str, Any], provenance: Provenance) -> list[Record]:
        village = required(values, "XZQH", _village)
        return [
            WorkshopRecord(
                provenance=provenance,
                code=required(values, "CJBH"),
                name=required(values, "CJMC"),
                village_code=village,
                operator_credit_code=optional(values, "XYDM", credit_code),
                recognized_on=optional(values, "RDRQ", parse_date),
                status=required(values, "ZT", _workshop_status),
            ),
            VillageRecord(provenance=provenance, code=village),
        ]


class FollowUps(SqlStream):
    name = "HFJL"
    primary_key = ("ID",)
    cursor_column = "XGSJ"
    produces = (FollowUpRecord,)
    columns = (
        Column("ID", "integer", nullable=False),
        Column("ZJHM", nullable=False),
        Column("HFYF", nullable=False),
        Column("HFRQ", nullable=False),
        Column("LRRQ", nullable=False),
        Column("JYQK", nullable=False),
        Column("WGDD"),
        Column("YSR", "number"),
        Column("JTQTSR", "number"),
        Column("HFR"),
        Column("BZ"),
        Column("XGSJ", nullable=False),
    )

    def map_values(self, values: Mapping[str, Any], provenance: Provenance) -> list[Record]:
        status = required(values, "JYQK", _status)
        return [
            FollowUpRecord(
                provenance=provenance,
                citizen_id=required(values, "ZJHM", citizen_id),
                period=required(values, "HFYF", parse_period),
                visit_date=required(values, "HFRQ", parse_date),
                entry_date=required(values, "LRRQ", parse_date),
                status=status,
                returned=_returned(values["JYQK"]),
                income=optional(values, "YSR", yuan),
                other_income=optional(values, "JTQTSR", yuan),
                location=optional(values, "WGDD"),
                visitor=optional(values, "HFR"),
                remarks=optional(values, "BZ"),
            )
        ]


STREAMS: tuple[type[SqlStream], ...] = (Households, Members, Workshops, FollowUps)
