"""GraphQL enums built from the caliber's code lists: every value documents its Chinese name and definition.

The registry is data (``graph/caliber/data``), so a code added there appears here, with its meaning, in
GraphiQL and in ``schema.graphql``, with no code change. Enum values are the caliber codes themselves.
"""

from __future__ import annotations

from enum import Enum
from typing import Any

import strawberry

from graph.caliber import FAULTS, load_caliber
from graph.regions import DIGITS


def _describe_element(key: str) -> str:
    element = load_caliber().element(key)
    parts = [f"{element.zh} ({element.en}). {element.definition}"]
    if element.authority:
        parts.append(f"Authoritative: {load_caliber().department(element.authority).zh} ({element.authority}).")
    return " ".join(parts)


def caliber_enum(name: str, element: str) -> Any:
    """A GraphQL enum named ``name`` with the codes of the caliber element ``element``."""
    members = {
        code.code: strawberry.enum_value(code.code, description=f"{code.zh}：{code.definition}")
        for code in load_caliber().code_list(element)
    }
    return strawberry.enum(Enum(name, members), description=_describe_element(element))  # type: ignore[misc]


LaborCategory = caliber_enum("LaborCategory", "labor_category")
EmploymentStatus = caliber_enum("EmploymentStatus", "employment_status")
HouseholdStatus = caliber_enum("HouseholdStatus", "household_status")
Willingness = caliber_enum("Willingness", "willingness")
SubsidyType = caliber_enum("SubsidyType", "subsidy_type")
EmployerType = caliber_enum("EmployerType", "employer_type")
Sex = caliber_enum("Sex", "sex")
RelationToHead = caliber_enum("RelationToHead", "relation_to_head")
Disability = caliber_enum("Disability", "disability")
SchoolStatus = caliber_enum("SchoolStatus", "school_status")
SkillLevel = caliber_enum("SkillLevel", "skill_level")
TrainingType = caliber_enum("TrainingType", "training_type")
WorkshopStatus = caliber_enum("WorkshopStatus", "workshop_status")
PaymentStatus = caliber_enum("PaymentStatus", "payment_status")
MinimumWageTier = caliber_enum("MinimumWageTier", "minimum_wage_tier")
FundSource = caliber_enum("FundSource", "fund_source")

Department = strawberry.enum(  # type: ignore[misc]
    Enum(
        "Department",
        {
            name.upper(): strawberry.enum_value(
                name, description=f"{(d := load_caliber().department(name)).zh} ({d.en}): {d.system}"
            )
            for name in load_caliber().departments()
        },
    ),
    description="A source of the hub's data: a department, the village ledgers, or the hub's own API (follow-ups "
    "that township systems submit).",
)

RegionLevel = strawberry.enum(  # type: ignore[misc]
    Enum(
        "RegionLevel",
        {
            level.upper(): strawberry.enum_value(level, description=f"{digits}-digit division code")
            for level, digits in DIGITS.items()
        },
    ),
    description="Level of a statistical division: province 省, city 市, county 县, township 乡镇, village 村.",
)

QuarantineFault = strawberry.enum(  # type: ignore[misc]
    Enum("QuarantineFault", {fault.upper(): strawberry.enum_value(fault) for fault in sorted(FAULTS)}),
    description="Why a source row could not enter the unified caliber (SOURCES.md's fault names, lower-case).",
)


def code(value: Enum | str) -> str:
    """The caliber code of an enum argument (as Strawberry passes it, or as graphql-core coerced it)."""
    return value.value if isinstance(value, Enum) else value


def codes(values: list[Enum] | list[str] | None) -> tuple[str, ...] | None:
    """The caliber codes of enum arguments (None stays None: no filter)."""
    return None if values is None else tuple(code(value) for value in values)
