"""The finance department's subsidy disbursement system (惠民惠农财政补贴资金"一卡通")."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from connectors.framework import Column, SqlStream
from connectors.framework.codes import coded
from connectors.framework.values import citizen_id, optional, required
from graph.caliber import credit_code, fen_to_yuan, parse_date, parse_period, region_code
from graph.records import PaymentRecord, Provenance, Record

DEPARTMENT = "finance"
_subsidy_type = coded(DEPARTMENT, "subsidy_type")
_payment_status = coded(DEPARTMENT, "payment_status")


def _county(value: Any) -> str:
    return region_code(value, level="county")


def _account(value: Any) -> str:
    return "".join(str(value).split())


class Payments(SqlStream):
    name = "BT_FFMX"
    primary_key = ("FFPZH",)
    cursor_column = "CZSJ"
    produces = (PaymentRecord,)
    columns = (
        Column("FFPZH", nullable=False),
        Column("SKRXM"),
        Column("SKRZJHM"),
        Column("SKZH"),
        Column("SKDWXYDM"),
        Column("DXZJHM"),
        Column("BTXM", nullable=False),
        Column("JEF", "integer", nullable=False),
        Column("SSYF"),
        Column("FFRQ", nullable=False),
        Column("ZJLY"),
        Column("XZQH"),
        Column("ZT", nullable=False),
        Column("YFFPZH"),
        Column("CZSJ", nullable=False),
    )

    def map_values(self, values: Mapping[str, Any], provenance: Provenance) -> list[Record]:
        return [
            PaymentRecord(
                provenance=provenance,
                voucher=required(values, "FFPZH"),
                subsidy_type=required(values, "BTXM", _subsidy_type),
                amount=required(values, "JEF", fen_to_yuan),
                paid_on=required(values, "FFRQ", parse_date),
                status=required(values, "ZT", _payment_status),
                covered_period=optional(values, "SSYF", parse_period),
                payee_name=optional(values, "SKRXM"),
                payee_citizen_id=optional(values, "SKRZJHM", citizen_id),
                account=optional(values, "SKZH", _account),
                payee_credit_code=optional(values, "SKDWXYDM", credit_code),
                target_citizen_id=optional(values, "DXZJHM", citizen_id),
                fund_source=optional(values, "ZJLY"),
                county_code=optional(values, "XZQH", _county),
                reverses_voucher=optional(values, "YFFPZH"),
            )
        ]


STREAMS: tuple[type[SqlStream], ...] = (Payments,)
