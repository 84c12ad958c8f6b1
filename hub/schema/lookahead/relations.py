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


@dataclass(frozen=True, slots=True)
class Related:
    """``relation`` answers each parent row's key; ``target`` is the item type (None: a leaf value).

    The key is the values of the parent row's ``reads`` columns (which the parent's level therefore
    selects) followed by what ``arguments`` makes of the field's arguments, as a tuple; without
    ``arguments`` it is the one column's value itself.
    """

    relation: Relation
    reads: tuple[str, ...]
    target: str | None
    many: bool = False
    arguments: Callable[[dict[str, Any]], tuple[Any, ...]] | None = None


def _one(relation: Relation, column: str, target: str) -> Related:
    return Related(relation, (column,), target)


def _many(relation: Relation, column: str, target: str) -> Related:
    return Related(relation, (column,), target, many=True)


def _period(arguments: dict[str, Any]) -> tuple[Any, ...]:
    return (arguments["period"],)


def _payment_filters(arguments: dict[str, Any]) -> tuple[Any, ...]:
    return (arguments.get("period"), codes(arguments.get("subsidyType")))


RELATED: dict[tuple[str, str], Related] = {
    ("Region", "parent"): _one(REGION_BY_CODE, "parent_code", "Region"),
    ("Region", "children"): _many(CHILDREN, "code", "Region"),
    ("Household", "village"): _one(REGION_BY_CODE, "village_code", "Region"),
    ("Household", "members"): _many(MEMBERS, "household_no", "Laborer"),
    ("Household", "head"): _one(PERSON_BY_ID, "head_citizen_id", "Laborer"),
    ("Household", "zeroEmployment"): Related(ZERO_EMPLOYMENT, ("household_no",), None, arguments=_period),
    ("Laborer", "household"): _one(HOUSEHOLD_BY_NO, "household_no", "Household"),
    ("Laborer", "employment"): Related(EMPLOYMENT_IN_MONTH, ("citizen_id",), "Employment", arguments=_period),
    ("Laborer", "employmentHistory"): Related(
        EMPLOYMENT_HISTORY,
        ("citizen_id",),
        "Employment",
        many=True,
        arguments=lambda a: (a.get("from"), a.get("to")),
    ),
    ("Laborer", "followUps"): Related(
        FOLLOWUPS_OF, ("citizen_id",), "FollowUp", many=True, arguments=lambda a: (a.get("period"),)
    ),
    ("Laborer", "returnEvents"): _many(RETURNS_OF, "citizen_id", "ReturnEvent"),
    ("Laborer", "payments"): Related(PAYMENTS_TO_BENEFICIARY, ("citizen_id",), "Payment", True, _payment_filters),
    ("Laborer", "publicWelfarePosts"): _many(PLACEMENTS_OF, "citizen_id", "PublicWelfarePost"),
    ("Laborer", "trainings"): _many(TRAININGS_OF, "citizen_id", "Training"),
    ("Employment", "laborer"): _one(PERSON_BY_ID, "citizen_id", "Laborer"),
    ("Employment", "employer"): _one(EMPLOYER_BY_CODE, "employer_credit_code", "Employer"),
    ("FollowUp", "laborer"): _one(PERSON_BY_ID, "citizen_id", "Laborer"),
    ("FollowUp", "household"): _one(HOUSEHOLD_BY_NO, "household_no", "Household"),
    ("FollowUp", "village"): _one(REGION_BY_CODE, "village_code", "Region"),
    ("ReturnEvent", "laborer"): _one(PERSON_BY_ID, "citizen_id", "Laborer"),
    ("ReturnEvent", "reportedBy"): Related(  # the key: the event's own (citizen_id, period), a tuple
        RETURN_REPORTS, ("citizen_id", "period"), "FollowUp", many=True, arguments=lambda _: ()
    ),
    ("Payment", "payee"): _one(PERSON_BY_ID, "payee_citizen_id", "Laborer"),
    ("Payment", "payeeEmployer"): _one(EMPLOYER_BY_CODE, "payee_credit_code", "Employer"),
    ("Payment", "beneficiary"): _one(PERSON_BY_ID, "beneficiary_citizen_id", "Laborer"),
    ("Payment", "reverses"): _one(PAYMENT_BY_VOUCHER, "reverses_voucher", "Payment"),
    ("Payment", "reversal"): _one(PAYMENT_BY_VOUCHER, "reversed_by", "Payment"),
    ("Payment", "county"): _one(REGION_BY_CODE, "county_code", "Region"),
    ("Employer", "county"): _one(REGION_BY_CODE, "county_code", "Region"),
    ("Employer", "employees"): Related(EMPLOYEES, ("credit_code",), "Employment", True, _period),
    ("Employer", "postings"): _many(POSTINGS_OF_EMPLOYER, "credit_code", "JobPosting"),
    ("Employer", "payments"): Related(PAYMENTS_TO_ORGANISATION, ("credit_code",), "Payment", True, _payment_filters),
    ("Employer", "workshops"): _many(WORKSHOPS_OF_OPERATOR, "credit_code", "Workshop"),
    ("Workshop", "village"): _one(REGION_BY_CODE, "village_code", "Region"),
    ("Workshop", "operator"): _one(EMPLOYER_BY_CODE, "operator_credit_code", "Employer"),
    ("Workshop", "laborers"): Related(EMPLOYEES, ("operator_credit_code",), "Employment", True, _period),
    ("JobPosting", "employer"): _one(EMPLOYER_BY_CODE, "credit_code", "Employer"),
    ("PublicWelfarePost", "laborer"): _one(PERSON_BY_ID, "citizen_id", "Laborer"),
    ("PublicWelfarePost", "village"): _one(REGION_BY_CODE, "village_code", "Region"),
    ("Training", "laborer"): _one(PERSON_BY_ID, "citizen_id", "Laborer"),
    ("MinimumWage", "county"): _one(REGION_BY_CODE, "county_code", "Region"),
}


@dataclass(frozen=True, slots=True)
class Computed:
    """A field computed as its resolver computes it: ``value(*values of reads, arguments)``."""

    reads: tuple[str, ...]
    value: Callable[..., Any]


def _is_laborer(registered: bool, labor_category: str | None, _: dict[str, Any]) -> bool:
    return bool(registered and labor_category not in (None, "NONE"))


#: Fields computed from the row alone, as their resolvers compute them.
COMPUTED: dict[tuple[str, str], Computed] = {
    ("Laborer", "isLaborer"): Computed(("registered", "labor_category"), _is_laborer),
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
