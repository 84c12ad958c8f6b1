"""The poverty-alleviation office's registry (建档立卡) and follow-up platform: one declared stream per table."""

from __future__ import annotations

from functools import partial
from typing import Any

from connectors.framework import Column, Field, RawColumns, SqlStream, account, coded, text
from graph.caliber import citizen_id, credit_code, load_caliber, parse_date, parse_period, region_code, yuan
from graph.records import FollowUpRecord, HouseholdRecord, MemberRecord, WorkshopRecord

DEPARTMENT = "poverty"
village = partial(region_code, level="village")


class Households(SqlStream):
    name = "PKH"
    primary_key = ("HBH",)
    cursor_column = "XGSJ"
    record_type = HouseholdRecord
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
    fields = {
        "household_no": Field("HBH", required=True),
        "village_code": Field("XZQH", village, required=True),
        "status": Field("TPZT", coded(DEPARTMENT, "household_status"), required=True),
        "head_name": Field("HZXM"),
        "head_citizen_id": Field("HZZJHM", citizen_id),
        "lifted_year": Field("TPNF", int),
        "size": Field("JTRK", int),
        "phone": Field("LXDH"),
        "bank_account": Field("YHZH", account),
    }


class Members(SqlStream):
    name = "PKHCY"
    primary_key = ("ID",)
    cursor_column = "XGSJ"
    record_type = MemberRecord
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
    fields = {
        "citizen_id": Field("ZJHM", citizen_id, required=True),
        "household_no": Field("HBH", required=True),
        "name": Field("XM", required=True),
        "relation": Field("YHZGX", coded(DEPARTMENT, "relation_to_head")),
        "birth_date": Field("CSRQ", parse_date),
        "labor_category": Field("LDJN", coded(DEPARTMENT, "labor_category")),
        "disability": Field("CJLB", coded(DEPARTMENT, "disability")),
        "school_status": Field("ZXS", coded(DEPARTMENT, "school_status")),
        "willingness": Field("WCYY", coded(DEPARTMENT, "willingness")),
    }

    def derive(self, columns: dict[str, list[Any]], raw: RawColumns) -> None:
        students = {code.code for code in load_caliber().code_list("school_status") if code.is_student}
        columns["is_student"] = [status in students for status in columns["school_status"]]


class Workshops(SqlStream):
    name = "FPCJ"
    primary_key = ("CJBH",)
    cursor_column = "XGSJ"
    record_type = WorkshopRecord
    columns = (
        Column("CJBH", nullable=False),
        Column("CJMC", nullable=False),
        Column("XZQH", nullable=False),
        Column("XYDM"),
        Column("RDRQ"),
        Column("ZT", nullable=False),
        Column("XGSJ", nullable=False),
    )
    fields = {
        "code": Field("CJBH", required=True),
        "name": Field("CJMC", required=True),
        "village_code": Field("XZQH", village, required=True),
        "operator_credit_code": Field("XYDM", credit_code),
        "recognized_on": Field("RDRQ", parse_date),
        "status": Field("ZT", coded(DEPARTMENT, "workshop_status"), required=True),
    }


def returned_events(department: str) -> set[str]:
    """The department's status labels that record a return home (返乡) as well as a status."""
    caliber = load_caliber()
    return {
        label
        for label in caliber.mapping(department, "employment_status")
        if caliber.event_for(department, "employment_status", label) == "RETURNED"
    }


class FollowUps(SqlStream):
    name = "HFJL"
    primary_key = ("ID",)
    cursor_column = "XGSJ"
    record_type = FollowUpRecord
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
    fields = {
        "citizen_id": Field("ZJHM", citizen_id, required=True),
        "period": Field("HFYF", parse_period, required=True),
        "visit_date": Field("HFRQ", parse_date, required=True),
        "entry_date": Field("LRRQ", parse_date, required=True),
        "status": Field("JYQK", coded(DEPARTMENT, "employment_status"), required=True),
        "income": Field("YSR", yuan),
        "other_income": Field("JTQTSR", yuan),
        "location": Field("WGDD"),
        "visitor": Field("HFR"),
        "remarks": Field("BZ"),
    }

    def derive(self, columns: dict[str, list[Any]], raw: RawColumns) -> None:
        returned = returned_events(DEPARTMENT)
        labels = raw.column("JYQK")
        flags = {label: isinstance(label, str) and text(label) in returned for label in set(labels)}
        columns["returned"] = list(map(flags.__getitem__, labels))


STREAMS: tuple[type[SqlStream], ...] = (Households, Members, Workshops, FollowUps)
