"""Which object fields the look-ahead executor answers, and from which relation: the resolvers' twins.

Each entry says what the field's resolver in ``hub/schema/types`` asks its DataLoader for (the same
relation, the same key), so the executor can fetch a whole level of keys in one call. A field missing
here makes the executor hand the operation to Strawberry; ``test_lookahead`` checks that both paths
give the same JSON for every entry.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from hub.resolvers.employment import (
    EMPLOYEES,
    EMPLOYMENT_HISTORY,
    EMPLOYMENT_IN_MONTH,
    FOLLOWUPS_OF,
    RETURN_REPORTS,
    RETURNS_OF,
)
from hub.resolvers.households import HOUSEHOLD_BY_NO, ZERO_EMPLOYMENT
from hub.resolvers.loaders import Relation
from hub.resolvers.organisations import (
    EMPLOYER_BY_CODE,
    PLACEMENTS_OF,
    POSTINGS_OF_EMPLOYER,
    TRAININGS_OF,
    WORKSHOP_BY_CODE,
    WORKSHOPS_OF_OPERATOR,
)
from hub.resolvers.payments import PAYMENT_BY_VOUCHER, PAYMENTS_TO_BENEFICIARY, PAYMENTS_TO_ORGANISATION
from hub.resolvers.people import MEMBERS, PERSON_BY_ID
from hub.resolvers.regions import CHILDREN, REGION_BY_CODE
from hub.schema.enums import codes
from hub.schema.query import credit_code_argument, region_argument

Key = Callable[[Any, dict[str, Any]], Any]


@dataclass(frozen=True, slots=True)
class Related:
    """``relation`` answers ``key(row, arguments)``; ``target`` is the item type (None: a leaf value)."""

    relation: Relation
    key: Key
    target: str | None
    many: bool = False


def _column(name: str) -> Key:
    return lambda row, _: getattr(row, name)


def _payments(column: str) -> Key:
    return lambda row, a: (getattr(row, column), a.get("period"), codes(a.get("subsidyType")))


def _one(relation: Relation, column: str, target: str) -> Related:
    return Related(relation, _column(column), target)


def _many(relation: Relation, column: str, target: str) -> Related:
    return Related(relation, _column(column), target, many=True)


RELATED: dict[tuple[str, str], Related] = {
    ("Region", "parent"): _one(REGION_BY_CODE, "parent_code", "Region"),
    ("Region", "children"): _many(CHILDREN, "code", "Region"),
    ("Household", "village"): _one(REGION_BY_CODE, "village_code", "Region"),
    ("Household", "members"): _many(MEMBERS, "household_no", "Laborer"),
    ("Household", "head"): _one(PERSON_BY_ID, "head_citizen_id", "Laborer"),
    ("Household", "zeroEmployment"): Related(ZERO_EMPLOYMENT, lambda row, a: (row.household_no, a["period"]), None),
    ("Laborer", "household"): _one(HOUSEHOLD_BY_NO, "household_no", "Household"),
    ("Laborer", "employment"): Related(EMPLOYMENT_IN_MONTH, lambda row, a: (row.citizen_id, a["period"]), "Employment"),
    ("Laborer", "employmentHistory"): Related(
        EMPLOYMENT_HISTORY, lambda row, a: (row.citizen_id, a.get("from"), a.get("to")), "Employment", many=True
    ),
    ("Laborer", "followUps"): Related(
        FOLLOWUPS_OF, lambda row, a: (row.citizen_id, a.get("period")), "FollowUp", many=True
    ),
    ("Laborer", "returnEvents"): _many(RETURNS_OF, "citizen_id", "ReturnEvent"),
    ("Laborer", "payments"): Related(PAYMENTS_TO_BENEFICIARY, _payments("citizen_id"), "Payment", many=True),
    ("Laborer", "publicWelfarePosts"): _many(PLACEMENTS_OF, "citizen_id", "PublicWelfarePost"),
    ("Laborer", "trainings"): _many(TRAININGS_OF, "citizen_id", "Training"),
    ("Employment", "laborer"): _one(PERSON_BY_ID, "citizen_id", "Laborer"),
    ("Employment", "employer"): _one(EMPLOYER_BY_CODE, "employer_credit_code", "Employer"),
    ("FollowUp", "laborer"): _one(PERSON_BY_ID, "citizen_id", "Laborer"),
    ("FollowUp", "household"): _one(HOUSEHOLD_BY_NO, "household_no", "Household"),
    ("FollowUp", "village"): _one(REGION_BY_CODE, "village_code", "Region"),
    ("ReturnEvent", "laborer"): _one(PERSON_BY_ID, "citizen_id", "Laborer"),
    ("ReturnEvent", "reportedBy"): Related(
        RETURN_REPORTS, lambda row, _: (row.citizen_id, row.period), "FollowUp", many=True
    ),
    ("Payment", "payee"): _one(PERSON_BY_ID, "payee_citizen_id", "Laborer"),
    ("Payment", "payeeEmployer"): _one(EMPLOYER_BY_CODE, "payee_credit_code", "Employer"),
    ("Payment", "beneficiary"): _one(PERSON_BY_ID, "beneficiary_citizen_id", "Laborer"),
    ("Payment", "reverses"): _one(PAYMENT_BY_VOUCHER, "reverses_voucher", "Payment"),
    ("Payment", "reversal"): _one(PAYMENT_BY_VOUCHER, "reversed_by", "Payment"),
    ("Payment", "county"): _one(REGION_BY_CODE, "county_code", "Region"),
    ("Employer", "county"): _one(REGION_BY_CODE, "county_code", "Region"),
    ("Employer", "employees"): Related(
        EMPLOYEES, lambda row, a: (row.credit_code, a["period"]), "Employment", many=True
    ),
    ("Employer", "postings"): _many(POSTINGS_OF_EMPLOYER, "credit_code", "JobPosting"),
    ("Employer", "payments"): Related(PAYMENTS_TO_ORGANISATION, _payments("credit_code"), "Payment", many=True),
    ("Employer", "workshops"): _many(WORKSHOPS_OF_OPERATOR, "credit_code", "Workshop"),
    ("Workshop", "village"): _one(REGION_BY_CODE, "village_code", "Region"),
    ("Workshop", "operator"): _one(EMPLOYER_BY_CODE, "operator_credit_code", "Employer"),
    ("Workshop", "laborers"): Related(
        EMPLOYEES, lambda row, a: (row.operator_credit_code, a["period"]), "Employment", many=True
    ),
    ("JobPosting", "employer"): _one(EMPLOYER_BY_CODE, "credit_code", "Employer"),
    ("PublicWelfarePost", "laborer"): _one(PERSON_BY_ID, "citizen_id", "Laborer"),
    ("PublicWelfarePost", "village"): _one(REGION_BY_CODE, "village_code", "Region"),
    ("Training", "laborer"): _one(PERSON_BY_ID, "citizen_id", "Laborer"),
    ("MinimumWage", "county"): _one(REGION_BY_CODE, "county_code", "Region"),
}

#: Fields computed from the row alone, as their resolvers compute them.
COMPUTED: dict[tuple[str, str], Callable[[Any, dict[str, Any]], Any]] = {
    ("Laborer", "isLaborer"): lambda row, _: bool(row.registered and row.labor_category not in (None, "NONE")),
}


@dataclass(frozen=True, slots=True)
class Lookup:
    """A root field finding one object by natural key, with the argument check its resolver makes."""

    relation: Relation
    target: str
    argument: str
    normalize: Callable[[Any], Any]


LOOKUPS: dict[str, Lookup] = {
    "region": Lookup(REGION_BY_CODE, "Region", "code", lambda code: region_argument(code, "code")),
    "household": Lookup(HOUSEHOLD_BY_NO, "Household", "householdNo", str.strip),
    "laborer": Lookup(PERSON_BY_ID, "Laborer", "citizenId", lambda citizen_id: citizen_id),
    "employer": Lookup(EMPLOYER_BY_CODE, "Employer", "creditCode", lambda c: credit_code_argument(c, "creditCode")),
    "workshop": Lookup(WORKSHOP_BY_CODE, "Workshop", "code", str.strip),
    "payment": Lookup(PAYMENT_BY_VOUCHER, "Payment", "voucher", str.strip),
}
