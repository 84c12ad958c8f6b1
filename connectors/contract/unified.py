"""What a unified record must look like, whichever connector made it: typed values in the caliber's forms.

Record classes say each field's type; this module adds what a type cannot say: which fields carry a
caliber code (and of which element), the shapes of identifiers and months, and that money is exact yuan.
"""

from __future__ import annotations

import dataclasses
import re
import types
from collections.abc import Iterator
from datetime import date, datetime
from decimal import Decimal
from functools import cache
from typing import Any, get_type_hints

from graph.caliber import load_caliber
from graph.records import (
    EmployerRecord,
    EmploymentReportRecord,
    FollowUpRecord,
    HouseholdRecord,
    JobPostingRecord,
    MemberRecord,
    MinimumWageRecord,
    PaymentRecord,
    Record,
    TrainingRecord,
    WorkshopRecord,
)

#: Record fields holding a caliber code, by record type: field → caliber element.
CODE_FIELDS: dict[type[Record], dict[str, str]] = {
    HouseholdRecord: {"status": "household_status"},
    MemberRecord: {
        "relation": "relation_to_head",
        "labor_category": "labor_category",
        "disability": "disability",
        "school_status": "school_status",
        "willingness": "willingness",
    },
    EmployerRecord: {"employer_type": "employer_type"},
    WorkshopRecord: {"status": "workshop_status"},
    TrainingRecord: {"training_type": "training_type"},
    JobPostingRecord: {"skill_required": "skill_level"},
    MinimumWageRecord: {"tier": "minimum_wage_tier"},
    EmploymentReportRecord: {"status": "employment_status", "sex": "sex", "skill_level": "skill_level"},
    FollowUpRecord: {"status": "employment_status"},
    PaymentRecord: {"subsidy_type": "subsidy_type", "status": "payment_status", "fund_source": "fund_source"},
}

_CITIZEN_ID = (re.compile(r"\d{17}[\dX]"), "an 18-character citizen ID (17 digits and a digit or X)")
_CREDIT_CODE = (re.compile(r"[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}"), "an 18-character credit code")
_PERIOD = (re.compile(r"\d{4}-(0[1-9]|1[0-2])"), "a month YYYY-MM")
_COUNTY = (re.compile(r"\d{6}"), "a 6-digit county code")
_VILLAGE = (re.compile(r"\d{12}"), "a 12-digit village code")
#: Text fields with a fixed caliber form, by field name (the same name means the same element everywhere).
FORMATS: dict[str, tuple[re.Pattern[str], str]] = {
    "citizen_id": _CITIZEN_ID,
    "head_citizen_id": _CITIZEN_ID,
    "payee_citizen_id": _CITIZEN_ID,
    "target_citizen_id": _CITIZEN_ID,
    "credit_code": _CREDIT_CODE,
    "employer_credit_code": _CREDIT_CODE,
    "payee_credit_code": _CREDIT_CODE,
    "operator_credit_code": _CREDIT_CODE,
    "period": _PERIOD,
    "covered_period": _PERIOD,
    "county_code": _COUNTY,
    "hukou_county": _COUNTY,
    "village_code": _VILLAGE,
}


def record_problems(record: Record) -> Iterator[tuple[str, str]]:
    """(problem, expected) for every field of ``record`` that is not in the unified caliber."""
    record_type = type(record)
    codes = CODE_FIELDS.get(record_type, {})
    for name, hint in _hints(record_type).items():
        value = getattr(record, name)
        types_allowed = _allowed(hint)
        if not _is_instance(value, types_allowed):
            shown = " or ".join("None" if t is type(None) else t.__name__ for t in types_allowed)
            yield f"{record_type.__name__}.{name} is {value!r} ({type(value).__name__})", shown
            continue
        if value is None:
            continue
        if name in codes and value not in _codes(codes[name]):
            yield (
                f"{record_type.__name__}.{name} is {value!r}, not a code of {codes[name]}",
                f"one of {', '.join(sorted(_codes(codes[name])))}",
            )
        elif name in FORMATS and isinstance(value, str) and not FORMATS[name][0].fullmatch(value):
            yield f"{record_type.__name__}.{name} is {value!r}", FORMATS[name][1]
        elif isinstance(value, Decimal) and (value.as_tuple().exponent != -2 or value < 0):
            yield f"{record_type.__name__}.{name} is {value!r}", "money as yuan, zero or more, with exactly 2 decimals"


@cache
def _hints(record_type: type[Record]) -> dict[str, Any]:
    hints = get_type_hints(record_type)
    return {f.name: hints[f.name] for f in dataclasses.fields(record_type) if f.name != "provenance"}


@cache
def _codes(element: str) -> frozenset[str]:
    return frozenset(code.code for code in load_caliber().code_list(element))


def _allowed(hint: Any) -> tuple[type, ...]:
    if isinstance(hint, types.UnionType):
        return tuple(hint.__args__)
    return (hint,)


def _is_instance(value: Any, allowed: tuple[type, ...]) -> bool:
    for kind in allowed:
        if kind is type(None):
            if value is None:
                return True
        elif kind is int:
            if isinstance(value, int) and not isinstance(value, bool):
                return True
        elif kind is date:
            if isinstance(value, date) and not isinstance(value, datetime):
                return True
        elif isinstance(value, kind):
            return True
    return False
