"""The kit's table of what unified records must look like agrees with the records and the caliber."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime
from decimal import Decimal

import pytest

from connectors.contract.unified import CODE_FIELDS, FORMATS, record_problems
from graph.caliber import load_caliber
from graph.records import UNIFIED_RECORD_TYPES, PaymentRecord, Provenance

PROVENANCE = Provenance("bank", "一卡通发放明细", "V1", datetime(2024, 5, 10, 9))


def payment(**changes: object) -> PaymentRecord:
    record = PaymentRecord(
        PROVENANCE,
        voucher="V1",
        subsidy_type="TRAINING",
        amount=Decimal("800.00"),
        paid_on=date(2024, 5, 10),
        status="PAID",
        covered_period="2024-05",
        payee_citizen_id="36012119470624091X",
    )
    return dataclasses.replace(record, **changes)


def test_code_fields_name_record_fields_and_coded_elements() -> None:
    caliber = load_caliber()
    for record_type, fields in CODE_FIELDS.items():
        names = {field.name for field in dataclasses.fields(record_type)}
        for name, element in fields.items():
            assert name in names, f"{record_type.__name__}.{name}"
            assert caliber.code_list(element), element


def test_formats_name_fields_of_unified_records() -> None:
    names = {field.name for record_type in UNIFIED_RECORD_TYPES for field in dataclasses.fields(record_type)}
    assert set(FORMATS) <= names


def test_a_record_in_the_caliber_has_no_problems() -> None:
    assert list(record_problems(payment())) == []


@pytest.mark.parametrize(
    ("changes", "problem", "expected"),
    [
        (
            {"status": "已发放"},
            "PaymentRecord.status is '已发放', not a code of payment_status",
            "one of PAID, RETURNED, REVERSAL",
        ),
        ({"amount": 800.0}, "PaymentRecord.amount is 800.0 (float)", "Decimal"),
        (
            {"amount": Decimal("800.005")},
            "PaymentRecord.amount is Decimal('800.005')",
            "money as yuan, zero or more, with exactly 2 decimals",
        ),
        (
            {"paid_on": datetime(2024, 5, 10)},
            "PaymentRecord.paid_on is datetime.datetime(2024, 5, 10, 0, 0) (datetime)",
            "date",
        ),
        ({"voucher": None}, "PaymentRecord.voucher is None (NoneType)", "str"),
        ({"covered_period": "202405"}, "PaymentRecord.covered_period is '202405'", "a month YYYY-MM"),
        (
            {"payee_citizen_id": "36012119470624091x"},
            "PaymentRecord.payee_citizen_id is '36012119470624091x'",
            "an 18-character citizen ID (17 digits and a digit or X)",
        ),
    ],
    ids=["code", "float-money", "three-decimals", "datetime-for-date", "missing", "period", "citizen-id"],
)
def test_each_kind_of_caliber_breach_is_named(changes: dict[str, object], problem: str, expected: str) -> None:
    assert list(record_problems(payment(**changes))) == [(problem, expected)]
