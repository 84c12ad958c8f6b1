"""The finance department's subsidy disbursement system (惠民惠农财政补贴资金"一卡通")."""

from __future__ import annotations

from functools import partial

from connectors.framework import Column, Field, SqlStream, account, coded
from graph.caliber import citizen_id, credit_code, fen_to_yuan, parse_date, parse_period, region_code
from graph.records import PaymentRecord

DEPARTMENT = "finance"


class Payments(SqlStream):
    name = "BT_FFMX"
    primary_key = ("FFPZH",)
    cursor_column = "CZSJ"
    record_type = PaymentRecord
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
    fields = {
        "voucher": Field("FFPZH", required=True),
        "subsidy_type": Field("BTXM", coded(DEPARTMENT, "subsidy_type"), required=True),
        "amount": Field("JEF", fen_to_yuan, required=True),
        "paid_on": Field("FFRQ", parse_date, required=True),
        "status": Field("ZT", coded(DEPARTMENT, "payment_status"), required=True),
        "covered_period": Field("SSYF", parse_period),
        "payee_name": Field("SKRXM"),
        "payee_citizen_id": Field("SKRZJHM", citizen_id),
        "account": Field("SKZH", account),
        "payee_credit_code": Field("SKDWXYDM", credit_code),
        "target_citizen_id": Field("DXZJHM", citizen_id),
        "fund_source": Field("ZJLY", coded(DEPARTMENT, "fund_source")),
        "county_code": Field("XZQH", partial(region_code, level="county")),
        "reverses_voucher": Field("YFFPZH"),
    }


STREAMS: tuple[type[SqlStream], ...] = (Payments,)
