"""The caliber registry as GraphQL: what every element and code means and how each department writes it."""

from __future__ import annotations

from typing import TYPE_CHECKING

import strawberry

from graph.caliber import load_caliber
from hub.schema.enums import Department

if TYPE_CHECKING:
    from graph.caliber import Code, Element


@strawberry.type(description="One allowed value of a coded element, or an event it can record.")
class CaliberCode:
    code: str
    zh: str
    en: str
    definition: str
    is_laborer: bool | None = strawberry.field(description="labor_category: counts as a laborer.")
    is_employed: bool | None = strawberry.field(description="employment_status: counts as employed (就业务工).")
    is_monitored: bool | None = strawberry.field(description="household_status: a monitored household (监测户).")
    is_student: bool | None = strawberry.field(description="school_status: counts as a student.")


@strawberry.type(description="A department's own value and the caliber code it maps to.")
class SourceValue:
    value: str
    code: str


@strawberry.type(description="How one department writes one element: where, and which value means which code.")
class DepartmentMapping:
    department: Department
    columns: list[str] = strawberry.field(description="The department's columns holding the element.")
    values: list[SourceValue]
    events: list[SourceValue] = strawberry.field(description="Values that also record an event (返乡 → RETURNED).")


@strawberry.type(description="A data element of the unified caliber (统一口径).")
class CaliberElement:
    key: str
    zh: str
    en: str
    definition: str
    type: str = strawberry.field(description="id, text, code, date, period or money.")
    unit: str | None
    authority: Department | None = strawberry.field(description="The department authoritative for it.")
    precedence: list[Department] = strawberry.field(description="Whose statement wins, first to last.")
    codes: list[CaliberCode]
    events: list[CaliberCode]
    mappings: list[DepartmentMapping]


@strawberry.type(description="The caliber registry the hub normalizes every source by.")
class Caliber:
    version: str

    @strawberry.field(description="Every element, in registry order.")
    def elements(self) -> list[CaliberElement]:
        return [_element(element) for element in load_caliber().elements.values()]

    @strawberry.field(description="One element by key (e.g. employment_status); null if unknown.")
    def element(self, key: str) -> CaliberElement | None:
        found = load_caliber().elements.get(key)
        return None if found is None else _element(found)


def _code(code: Code) -> CaliberCode:
    return CaliberCode(
        code=code.code,
        zh=code.zh,
        en=code.en,
        definition=code.definition,
        is_laborer=code.is_laborer,
        is_employed=code.is_employed,
        is_monitored=code.is_monitored,
        is_student=code.is_student,
    )


def _mappings(key: str) -> list[DepartmentMapping]:
    caliber = load_caliber()
    found = []
    for name in caliber.departments():
        mapping = caliber.department(name).mappings.get(key)
        if mapping is not None:
            found.append(
                DepartmentMapping(
                    department=name,
                    columns=list(mapping.columns),
                    values=[SourceValue(value=v, code=c) for v, c in mapping.codes.items()],
                    events=[SourceValue(value=v, code=c) for v, c in mapping.events.items()],
                )
            )
    return found


def _element(element: Element) -> CaliberElement:
    return CaliberElement(
        key=element.key,
        zh=element.zh,
        en=element.en,
        definition=element.definition,
        type=element.type,
        unit=element.unit,
        authority=element.authority,
        precedence=list(element.precedence),
        codes=[_code(code) for code in element.codes],
        events=[_code(code) for code in element.events],
        mappings=_mappings(element.key),
    )


def caliber() -> Caliber:
    return Caliber(version=load_caliber().version)
