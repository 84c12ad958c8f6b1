"""How a planted host lives: their job at the start and their status and income in each month.

Hosts are pinned: no random event touches them, so each situation happens exactly as written here and
is recorded as planted in the months it is visible. Natural laborers are advanced by ``synth.months``.
"""

from __future__ import annotations

from datetime import date, timedelta
from random import Random

from synth import codes, periods
from synth.codes import EMPLOYED, Kind
from synth.county import CountyWorld
from synth.labor import new_placement, start_job
from synth.model import Labor, Person
from synth.truth import TruthLog

DROP_BASE = 5000
OUTSIDE_WINDOW = 250  # yuan above the minimum wage a below-minimum host earns in other months
ZERO_MONTHS = 3
BELOW_MONTHS = 2
_OUT_KINDS = frozenset(
    {
        "drop_exact",
        "drop_big",
        "returnee",
        "status_conflict",
        "status_conflict_ledger",
        "followup_missing",
    }
)
_COUNTY_KINDS = frozenset(
    {"below_minimum", "below_after_raise", "hiring_without_employment", "workshop_without_employment"}
)
_ONE_POST = frozenset({"duplicate", "duplicate_legacy", "not_duplicate_reversed", "not_duplicate_returned"})


def _pre_2024(draw: Random) -> date:
    return date(2019, 1, 1) + timedelta(days=draw.randrange(1790))


def planted_labor(person: Person, world: CountyWorld, draw: Random) -> Labor:
    """The pinned starting situation of a host (or of a planted household's other laborers)."""
    plant = person.plant
    assert plant is not None
    labor = Labor(person, Kind.FARM, pinned=True)
    kind, host = plant.kind, plant.details.get("host") is person
    if kind in _OUT_KINDS:
        start_job(labor, Kind.OUT, -draw.randint(3, 40), draw, world)
        if kind.startswith("drop"):
            labor.income = DROP_BASE
    elif kind in _COUNTY_KINDS:
        start_job(labor, Kind.COUNTY, -draw.randint(3, 40), draw, world)
        if kind == "hiring_without_employment":
            plant.details["other"] = draw.choice([e for e in world.employers if e is not labor.employer])
        if kind == "workshop_without_employment":
            open_ones = [w for w in world.workshops if w.closes is None or w.closes > plant.month + 1]
            plant.details["workshop"] = draw.choice(open_ones) if open_ones else None
            plant.details["other"] = draw.choice([e for e in world.employers if e is not labor.employer])
    elif kind == "workshop_closed":
        workshop = plant.details["workshop"]
        start_job(labor, Kind.COUNTY, -draw.randint(3, 40), draw, world)
        labor.kind, labor.workshop, labor.employer = Kind.WORKSHOP, workshop, workshop.operator
        labor.place = workshop.name
    elif kind == "post_over_minimum":
        labor.kind = Kind.POST
        new_placement(labor, _pre_2024(draw), draw, subsidy=1000, post=draw.choice(codes.POSTS))
        new_placement(labor, _pre_2024(draw), draw, subsidy=980, post=codes.PV_POST)
    elif kind in _ONE_POST or kind == "post_after_end":
        labor.kind = Kind.POST
        end = periods.day(plant.month, draw.randint(10, 20)) if kind == "post_after_end" else None
        new_placement(
            labor, _pre_2024(draw), draw, subsidy=draw.randrange(400, 701, 50), post=draw.choice(codes.POSTS), end=end
        )
    elif kind == "zero_employment" and host:
        start_job(labor, Kind.COUNTY, -draw.randint(3, 40), draw, world)
    elif kind in ("conflict_under_16", "conflict_student"):
        labor.kind = Kind.IDLE
    if labor.kind is Kind.POST:
        labor.place = person.household.village.name
    return labor


def scripted_month(labor: Labor, month: int, world: CountyWorld) -> None:
    """Set the host's status, income and return flag for ``month``."""
    plant = labor.person.plant
    assert plant is not None
    kind, at = plant.kind, plant.month
    host = plant.details.get("host") is labor.person
    status, returned = labor.kind, False
    earned: float | None = float(labor.income)
    if kind == "zero_employment" and host and at <= month < at + ZERO_MONTHS:
        status = Kind.IDLE
    elif kind == "drop_exact" and month == at:
        earned = DROP_BASE * 0.7
    elif kind == "drop_big" and month == at:
        earned = 2600.0
    elif kind == "below_minimum":
        below = at <= month < at + BELOW_MONTHS
        earned = float(world.wage(month) - 80 if below else world.wage(month) + OUTSIDE_WINDOW)
    elif kind == "below_after_raise":
        earned = float(world.wage(at - 1) + 60)
    elif kind == "returnee" and at <= month <= at + 2:
        status, returned = Kind.IDLE, month == at
    elif kind == "workshop_closed" and month > plant.details["workshop"].closes + 1:
        status = Kind.FARM
    if status is Kind.POST:
        subsidy = labor.post_subsidy(month)
        status, earned = (Kind.POST, float(subsidy)) if subsidy else (Kind.FARM, None)
    labor.status, labor.returned = status, returned
    labor.earned = earned if status in EMPLOYED else None


def record_month(labor: Labor, month: int, world: CountyWorld, truth: TruthLog) -> None:
    """Record the findings this host's month plants (and the near misses it must not produce)."""
    person = labor.person
    plant = person.plant
    if plant is None or plant.details.get("host") is not person:
        return
    kind, at, cid, period = plant.kind, plant.month, person.citizen_id, periods.period(month)
    if kind == "zero_employment" and at <= month < at + ZERO_MONTHS:
        truth.plant("ZERO_EMPLOYMENT_HOUSEHOLD", household=person.household.number, period=period)
    elif kind in ("drop_exact", "drop_big") and month == at:
        truth.plant("INCOME_DROP", citizen_id=cid, period=period)
    elif kind == "below_minimum" and at <= month < at + BELOW_MONTHS:
        truth.plant("INCOME_BELOW_NORMAL", citizen_id=cid, period=period)
    elif kind == "below_after_raise":
        (truth.plant if month >= at else truth.near_miss)("INCOME_BELOW_NORMAL", citizen_id=cid, period=period)
    elif kind == "returnee" and month == at + 2:
        truth.plant("RETURNEE_NOT_REEMPLOYED", citizen_id=cid, period=period)
    elif kind == "followup_missing" and month == at:
        truth.plant("FOLLOWUP_MISSING", citizen_id=cid, period=period)
    elif kind in ("status_conflict", "status_conflict_ledger") and month == at:
        truth.plant("STATUS_CONFLICT", citizen_id=cid, period=period)
    elif kind.startswith("conflict_"):
        age = periods.age_on(person.birth, periods.first_day(month))
        if age > 60 or age < 16 or person.school != codes.NOT_STUDENT:
            truth.plant("LABOR_CATEGORY_CONFLICT", citizen_id=cid)
    elif kind == "not_turning_60":
        truth.near_miss("LABOR_CATEGORY_CONFLICT", citizen_id=cid)


def followup_label(labor: Labor, month: int, ledger: bool) -> str | None:
    """The label a follow-up gives (None: no follow-up this month); planted conflicts say 务农."""
    plant = labor.person.plant
    if plant is not None and plant.details.get("host") is labor.person and plant.month == month:
        if plant.kind == "followup_missing":
            return None
        if plant.kind == ("status_conflict_ledger" if ledger else "status_conflict"):
            return codes.FOLLOWUP_LABEL[Kind.FARM]
    if labor.returned:
        return codes.RETURNED_LABEL
    return codes.FOLLOWUP_LABEL[labor.status]
