"""The poverty office's rows: households, members (rewritten when something changes), follow-ups.

Villages visit their laborers by the 20th and townships enter the visits by the 25th; the ledger a
village keeps records the same visits, so each follow-up is built once and written to both.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from random import Random

from synth import codes, periods
from synth.codes import Kind
from synth.emit import Emitter
from synth.hr_rows import month_row_id
from synth.model import Household, Labor, Person
from synth.rng import between

_REMARKS: dict[str, tuple[str, ...]] = {
    codes.RETURNED_LABEL: ("春节返乡", "返乡在家", "企业停工返乡"),
    codes.FOLLOWUP_LABEL[Kind.IDLE]: ("待业，已推荐岗位", "照顾家庭", "正在找工作"),
    codes.FOLLOWUP_LABEL[Kind.OUT]: ("外出务工稳定", "收入稳定"),
    codes.FOLLOWUP_LABEL[Kind.FARM]: ("在家种植养殖", "在家务农"),
}


@dataclass(slots=True)
class FollowUp:
    """One visit, as both the office (HFJL) and the village ledger record it."""

    labor: Labor
    label: str
    place: str | None
    firm: str | None
    income: float | None
    visit: date
    entry: date
    visitor: str
    remark: str | None
    protected: bool


def household_row(emitter: Emitter, household: Household) -> None:
    status, when, seconds = household.status, household.created, household.seconds
    for _, changed, on, at in household.changes:
        if emitter.visible(on):
            status, when, seconds = changed, on, at
    head = household.members[0]
    values: list[object] = [
        household.number,
        household.village.code,
        head.name,
        head.registry_id,
        status,
        household.lifted_year,
        len(household.members),
        household.phone,
        household.account,
        periods.iso_stamp(when, seconds),
    ]
    emitter.emit(
        "PKH",
        values,
        when=when,
        ids=(head.citizen_id,),
        protected=household.protected,
        avoid=frozenset({"TPZT"}) if household.changes else frozenset(),
    )


def member_row(emitter: Emitter, person: Person) -> None:
    labor, when, seconds = person.labor, person.created, person.seconds
    if person.ages_out is not None:
        aged = periods.day(person.ages_out, 1 + person.serial % 5)
        if emitter.visible(aged):
            labor, when, seconds = codes.SEMI_WEAK, aged, 9 * 3600 + person.serial % 3600
    values: list[object] = [
        person.serial,
        person.household.number,
        person.name,
        person.registry_id,
        person.relation,
        person.birth.isoformat(),
        labor,
        person.disability,
        person.school,
        person.willing,
        periods.iso_stamp(when, seconds),
    ]
    emitter.emit(
        "PKHCY",
        values,
        when=when,
        ids=(person.citizen_id,),
        protected=person.protected,
        avoid=frozenset({"LDJN"}) if person.ages_out is not None else frozenset(),
    )


def build_followup(labor: Labor, label: str, month: int, draw: Random, visit_day: int, visitor: str) -> FollowUp:
    status = labor.status
    place = labor.place if status in codes.EMPLOYED else None
    firm = None
    if status in (Kind.COUNTY, Kind.WORKSHOP) and labor.employer is not None:
        firm = labor.employer.name
    elif status in (Kind.OUT, Kind.IN):
        firm = labor.firm
    visit = periods.day(month, min(20, visit_day + between(draw, 0, 6)))
    entry = periods.day(month, min(25, visit.day + between(draw, 0, 4)))
    remarks = _REMARKS.get(label)
    remark = draw.choice(remarks) if remarks and draw.random() < 0.4 else None
    return FollowUp(labor, label, place, firm, labor.earned, visit, entry, visitor, remark, labor.person.protected)


def followup_row(emitter: Emitter, followup: FollowUp, month: int, draw: Random) -> None:
    person = followup.labor.person
    other = None if draw.random() < 0.3 else round(draw.uniform(100, 1500), 1)
    values: list[object] = [
        month_row_id(month, person.serial),
        person.registry_id,
        periods.period(month),
        followup.visit.isoformat(),
        followup.entry.isoformat(),
        followup.label,
        followup.place,
        followup.income,
        other,
        followup.visitor,
        followup.remark,
        periods.iso_stamp(followup.entry, periods.office_seconds(draw.random())),
    ]
    emitter.emit("HFJL", values, when=followup.entry, ids=(person.citizen_id,), protected=followup.protected)
