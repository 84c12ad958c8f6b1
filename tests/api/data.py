"""A small, hand-checked unified store: three households in 兴国县 (360732), one in 瑞金市 (360781).

The expected figures in the tests are counted by hand from these rows, not computed by the hub.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Engine
from stdnum.cn import ric, uscc

from graph.resolve.person_months import refresh_person_months
from graph.store import schema

T = schema.Base.metadata.tables
UPDATED = datetime(2024, 6, 10, 9, 30)


def citizen(area: str, born: str, sequence: str) -> str:
    body = area + born + sequence
    return body + ric.calc_check_digit(body + "?")


def credit(body: str) -> str:
    return body + uscc.calc_check_digit(body)


P1 = citizen("360732", "19800101", "001")  # head of H1, NORMAL, employed by E1
P2 = citizen("360732", "19820315", "002")  # H1, SKILLED, in E2's workshop
P3 = citizen("360732", "20120601", "003")  # H1, a child: NONE, a student
P4 = citizen("360732", "19750720", "011")  # head of H2, NORMAL, unemployed in 2024-05
P5 = citizen("360732", "19500202", "012")  # H2, SEMI_WEAK, in a public-welfare post, no record in 2024-05
P6 = citizen("360732", "19900909", "021")  # head of H3, NORMAL, works away, returns home in 2024-06
P7 = citizen("360781", "19850505", "031")  # head of H4 in another county
P8 = citizen("360732", "19700101", "041")  # not registered: only finance pays them
E1 = credit("91360732MA35ABCDE")
E2 = credit("92360732MA35WKCHP")
H1, H2, H3, H4 = "360732100201001", "360732100202001", "360732101201001", "360781100201001"
V1, V2, V3, V4, V5, V6, V7 = (
    "FF202405001",
    "FF202405002",
    "FF202405003",
    "FF202406004",
    "FF202405005",
    "FF202405006",
    "FF202405007",
)


def _source(source: str, table: str, key: str) -> dict[str, Any]:
    return {
        "source": source,
        "source_table": table,
        "source_key": key,
        "source_updated_at": UPDATED,
        "ingest_run": 1,
        "row_hash": 0,
    }


def _person(
    cid: str,
    name: str,
    household: str | None,
    relation: str | None,
    category: str | None,
    willingness: str | None,
    *,
    student: bool = False,
    registered: bool = True,
) -> dict[str, Any]:
    return {
        "citizen_id": cid,
        "name": name,
        "sex": "M" if int(cid[16]) % 2 else "F",
        "birth_date": date(int(cid[6:10]), int(cid[10:12]), int(cid[12:14])),
        "registered": registered,
        "household_no": household,
        "relation": relation,
        "labor_category": category,
        "disability": None,
        "school_status": "PRIMARY" if student else None,
        "is_student": student,
        "willingness": willingness,
        "skill_level": "JUNIOR" if category == "SKILLED" else None,
        **(
            _source("poverty", "PKHCY", cid[-4:])
            if registered
            else dict.fromkeys(("source", "source_table", "source_key", "source_updated_at", "ingest_run", "row_hash"))
        ),
    }


def _employment(
    cid: str,
    period: str,
    status: str,
    income: str | None,
    employer: str | None,
    source: tuple[str, str, str],
    returned: bool = False,
) -> dict[str, Any]:
    return {
        "citizen_id": cid,
        "period": period,
        "status": status,
        "income": None if income is None else Decimal(income),
        "employer_credit_code": employer,
        "employer_name": None,
        "returned": returned,
        "source": source[0],
        "source_table": source[1],
        "source_key": source[2],
    }


def _followup(
    key: str,
    cid: str,
    period: str,
    status: str,
    visit: date,
    income: str | None,
    returned: bool = False,
    source: str = "poverty",
) -> dict[str, Any]:
    table = "HFJL" if source == "poverty" else "回访台账"
    return {
        "citizen_id": cid,
        "period": period,
        "visit_date": visit,
        "entry_date": visit,
        "status": status,
        "returned": returned,
        "income": None if income is None else Decimal(income),
        "other_income": None,
        "location": None,
        "employer_name": None,
        "visitor": "李干部",
        "remarks": None,
        "name": None,
        "household_no": None,
        "village_code": None,
        **_source(source, table, key),
    }


def _payment(
    voucher: str,
    kind: str,
    amount: str,
    status: str,
    period: str,
    *,
    payee: str | None = None,
    organisation: str | None = None,
    target: str | None = None,
    county: str = "360732",
    reverses: str | None = None,
    effective: bool = False,
    reversed_by: str | None = None,
) -> dict[str, Any]:
    return {
        "voucher": voucher,
        "subsidy_type": kind,
        "amount": Decimal(amount),
        "paid_on": date(2024, 6, 5),
        "status": status,
        "covered_period": period,
        "payee_name": None,
        "payee_citizen_id": payee,
        "account": "6217000011112222" if payee else None,
        "payee_credit_code": organisation,
        "target_citizen_id": target,
        "beneficiary_citizen_id": target if organisation else payee,
        "fund_source": "PV_INCOME",
        "county_code": county,
        "reverses_voucher": reverses,
        "effective": effective,
        "reversed_by": reversed_by,
        **_source("finance", "CZ_BTFF", voucher),
    }


def populate(engine: Engine) -> None:
    """Insert the rows (the store is migrated and holds the reference regions)."""
    villages = [
        ("360732100201", "东村", "360732100"),
        ("360732100202", "西村", "360732100"),
        ("360732101201", "南村", "360732101"),
        ("360781100201", "北村", "360781100"),
    ]
    households = [
        (H1, "360732100201", "POOR", "赵大", P1),
        (H2, "360732100202", "UNSTABLE", "钱二", P4),
        (H3, "360732101201", "LIFTED", "孙三", P6),
        (H4, "360781100201", "POOR", "周四", P7),
    ]
    rows: dict[str, list[dict[str, Any]]] = {
        "regions": [{"code": c, "name": n, "level": "village", "parent_code": p} for c, n, p in villages],
        "households": [
            {
                "household_no": no,
                "village_code": village,
                "status": status,
                "head_name": head,
                "head_citizen_id": cid,
                "lifted_year": 2019 if status == "LIFTED" else None,
                "size": 3,
                "phone": "13800000000",
                "bank_account": "6217000099990000",
                **_source("poverty", "PKH", no),
            }
            for no, village, status, head, cid in households
        ],
        "people": [
            _person(P1, "赵大", H1, "HEAD", "NORMAL", "YES"),
            _person(P2, "钱花", H1, "SPOUSE", "SKILLED", "NO"),
            _person(P3, "赵小", H1, "SON", "NONE", None, student=True),
            _person(P4, "钱二", H2, "HEAD", "NORMAL", "YES"),
            _person(P5, "钱老", H2, "FATHER", "SEMI_WEAK", None),
            _person(P6, "孙三", H3, "HEAD", "NORMAL", "YES"),
            _person(P7, "周四", H4, "HEAD", "NORMAL", "YES"),
            _person(P8, "吴八", None, None, None, None, registered=False),
        ],
        "person_names": [
            {"citizen_id": P1, "source": "poverty", "name": "赵大", "source_table": "PKHCY", "source_key": "1"},
            {"citizen_id": P1, "source": "hr", "name": "赵达", "source_table": "JY_LDLJYXX", "source_key": "7"},
        ],
        "employers": [
            {
                "credit_code": E1,
                "name": "兴国县富民电子厂",
                "employer_type": "ENTERPRISE",
                "county_code": "360732",
                "in_industrial_park": True,
                **_source("hr", "JY_YGDW", "1"),
            },
            {
                "credit_code": E2,
                "name": "东村帮扶车间",
                "employer_type": "WORKSHOP",
                "county_code": "360732",
                "in_industrial_park": False,
                **_source("hr", "JY_YGDW", "2"),
            },
        ],
        "workshops": [
            {
                "code": "FPCJ0001",
                "name": "东村帮扶车间",
                "village_code": "360732100201",
                "operator_credit_code": E2,
                "recognized_on": date(2020, 3, 1),
                "status": "OPERATING",
                **_source("poverty", "FPCJ", "1"),
            },
        ],
        "job_postings": [
            {
                "credit_code": E1,
                "title": "装配工",
                "openings": 20,
                "wage_min": Decimal("2200"),
                "wage_max": Decimal("3200"),
                "county_code": "360732",
                "skill_required": None,
                "published_on": date(2024, 4, 1),
                "valid_until": date(2024, 12, 31),
                **_source("hr", "JY_GWXX", "1"),
            },
        ],
        "placements": [
            {
                "citizen_id": P5,
                "post_name": "保洁员",
                "village_code": "360732100202",
                "start_date": date(2024, 1, 1),
                "end_date": None,
                "monthly_subsidy": Decimal("800"),
                **_source("hr", "JY_GYGW", "1"),
            },
        ],
        "trainings": [
            {
                "citizen_id": P2,
                "training_type": "EMPLOYMENT_SKILLS",
                "institution": "兴国县职校",
                "start_date": date(2023, 3, 1),
                "end_date": date(2023, 4, 30),
                "certified": True,
                **_source("hr", "JY_PXJL", "1"),
            },
        ],
        "minimum_wages": [
            {
                "county_code": "360732",
                "effective_from": date(2021, 4, 1),
                "tier": "TIER_3",
                "monthly_amount": Decimal("1610"),
                **_source("hr", "JY_ZDGZ", "1"),
            },
            {
                "county_code": "360732",
                "effective_from": date(2024, 6, 1),
                "tier": "TIER_3",
                "monthly_amount": Decimal("1750"),
                **_source("hr", "JY_ZDGZ", "2"),
            },
        ],
        "employment_reports": [
            {
                "citizen_id": P1,
                "period": "2024-05",
                "status": "IN_COUNTY_ENTERPRISE",
                "name": "赵达",
                "sex": "M",
                "hukou_county": "360732",
                "location": "兴国",
                "employer_name": "兴国县富民电子厂",
                "employer_credit_code": E1,
                "income": Decimal("2500"),
                "skill_level": None,
                **_source("hr", "JY_LDLJYXX", "7"),
            },
        ],
        "followups": [
            _followup("101", P1, "2024-05", "IN_COUNTY_ENTERPRISE", date(2024, 5, 18), "2500"),
            _followup("102", P4, "2024-05", "UNEMPLOYED", date(2024, 5, 15), None),
            _followup("x.xlsx:3", P6, "2024-05", "OUT_OF_PROVINCE", date(2024, 5, 12), None, source="ledger"),
            _followup("103", P6, "2024-06", "UNEMPLOYED", date(2024, 6, 16), None, returned=True),
        ],
        "employment": [
            _employment(P1, "2024-05", "IN_COUNTY_ENTERPRISE", "2500", E1, ("hr", "JY_LDLJYXX", "7")),
            _employment(P2, "2024-05", "WORKSHOP", "1800", E2, ("hr", "JY_LDLJYXX", "8")),
            _employment(P4, "2024-05", "UNEMPLOYED", None, None, ("poverty", "HFJL", "102")),
            _employment(P6, "2024-05", "OUT_OF_PROVINCE", None, None, ("ledger", "回访台账", "x.xlsx:3")),
            _employment(P6, "2024-06", "UNEMPLOYED", None, None, ("poverty", "HFJL", "103"), returned=True),
            _employment(P7, "2024-05", "FARMING", None, None, ("hr", "JY_LDLJYXX", "9")),
            _employment(P1, "2023-05", "IN_COUNTY_ENTERPRISE", "2300", E1, ("hr", "JY_LDLJYXX", "1")),
            _employment(P4, "2023-05", "IN_PROVINCE", "3000", None, ("hr", "JY_LDLJYXX", "2")),
            _employment(P6, "2023-05", "OUT_OF_PROVINCE", "5200", None, ("hr", "JY_LDLJYXX", "3")),
        ],
        "payments": [
            _payment(V1, "PUBLIC_WELFARE_POST", "800", "PAID", "2024-05", payee=P5, effective=True),
            _payment(V2, "EMPLOYER_HIRING", "1000", "PAID", "2024-05", organisation=E2, target=P2, effective=True),
            _payment(V3, "TRANSPORT", "300", "PAID", "2024-05", payee=P6, reversed_by=V4),
            _payment(V4, "TRANSPORT", "300", "REVERSAL", "2024-05", payee=P6, reverses=V3),
            _payment(V5, "JOB_SEEKING", "500", "RETURNED", "2024-05", payee=P1),
            _payment(V6, "PUBLIC_WELFARE_POST", "700", "PAID", "2024-05", payee=P7, county="360781", effective=True),
            _payment(V7, "TRANSPORT", "200", "PAID", "2024-05", payee=P8, effective=True),
        ],
        "conflicts": [
            {
                "subject_type": "person",
                "subject_key": P1,
                "element": "name",
                "period": "",
                "unified_value": "赵大",
                "assertions": json.dumps(
                    [
                        {"source": "hr", "table": "JY_LDLJYXX", "key": "7", "value": "赵达"},
                        {"source": "poverty", "table": "PKHCY", "key": "1", "value": "赵大"},
                    ],
                    ensure_ascii=False,
                ),
            },
            {
                "subject_type": "person",
                "subject_key": P7,
                "element": "name",
                "period": "",
                "unified_value": "周四",
                "assertions": json.dumps(
                    [{"source": "hr", "table": "JY_LDLJYXX", "key": "9", "value": "周泗"}], ensure_ascii=False
                ),
            },
        ],
        "quarantine": [
            {
                "source": "hr",
                "source_table": "JY_LDLJYXX",
                "source_key": "77",
                "fault": "id_checksum",
                "element": "citizen_id",
                "value": "360732198001010010",
                "reason": "check digit",
                "record": "{}",
                "source_updated_at": UPDATED,
                "ingest_run": 1,
            },
            {
                "source": "ledger",
                "source_table": "回访台账",
                "source_key": "y.xlsx:5",
                "fault": "unknown_code",
                "element": "employment_status",
                "value": "打工",
                "reason": "no mapping",
                "record": "{}",
                "source_updated_at": None,
                "ingest_run": 1,
            },
        ],
    }
    with engine.begin() as connection:
        for table, values in rows.items():
            connection.execute(T[table].insert(), values)
        refresh_person_months(connection, None)  # what the resolver keeps beside employment and followups
