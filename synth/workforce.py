"""Who does what at the start: every laborer's first job, natural or as a planted situation needs it.

Every household with someone able and willing to work away has at least one member employed, so
zero-employment households stay the exception the policy treats them as (and the planted ones).
"""

from __future__ import annotations

from datetime import date, timedelta
from random import Random

from synth import codes, periods, rng
from synth.codes import Kind
from synth.county import CountyWorld
from synth.labor import new_placement, new_training, start_job
from synth.model import Labor, Person
from synth.population import REFERENCE, VillagePeople
from synth.scripts import planted_labor

_FULL_KINDS = (Kind.OUT, Kind.IN, Kind.COUNTY, Kind.WORKSHOP, Kind.POST, Kind.SELF, Kind.FLEX, Kind.FARM, Kind.IDLE)
_FULL_WEIGHTS = (33, 14, 15, 5, 3, 4, 9, 11, 6)
_WEAK_KINDS = (Kind.POST, Kind.WORKSHOP, Kind.FARM, Kind.FLEX, Kind.IDLE)
_WEAK_WEIGHTS = (22, 8, 50, 5, 15)


def _age(person: Person) -> int:
    return periods.age_on(person.birth, REFERENCE)


def _eligible(person: Person) -> bool:
    """Could work away: 16–60, full labor, not a student, willing or undecided."""
    return (
        person.labor in (codes.NORMAL, codes.SKILLED)
        and 16 <= _age(person) <= 60
        and person.school == codes.NOT_STUDENT
        and person.willing in (codes.WILLING, codes.UNDECIDED)
    )


def _natural(person: Person, draw: Random, world: CountyWorld) -> Labor:
    labor = Labor(person, Kind.FARM)
    if person.labor == codes.SEMI_WEAK:
        kind = draw.choices(_WEAK_KINDS, weights=_WEAK_WEIGHTS)[0]
    else:
        kind = draw.choices(_FULL_KINDS, weights=_FULL_WEIGHTS)[0]
    start_job(labor, kind, -draw.randint(1, 60), draw, world)
    if labor.kind is Kind.POST:
        start = date(2019, 1, 1) + timedelta(days=draw.randrange(1790))
        end = None
        if draw.random() < 0.1:
            month = draw.randrange(periods.MAX_MONTHS)
            end = periods.day(month, draw.randint(5, 25))
        new_placement(labor, start, draw, end=end)
    if person.skill is not None:
        start = date(2019, 3, 1) + timedelta(days=draw.randrange(1700))
        training = new_training(labor, start, draw, world.county.name)
        if training is not None:
            training.certificate = True
    return labor


def init_labor(village: VillagePeople, world: CountyWorld, seed: int) -> list[Labor]:
    """Every laborer's situation at the start, natural or as a planted situation needs it."""
    draw = rng.stream(seed, "labor", village.village.code)
    labors: list[Labor] = []
    for household in village.households:
        own: list[Labor] = []
        for person in household.members:
            if not person.laborer:
                continue
            labor = planted_labor(person, world, draw) if person.plant else _natural(person, draw, world)
            own.append(labor)
        able = [lab for lab in own if not lab.pinned and _eligible(lab.person)]
        employed = any(lab.kind in codes.EMPLOYED for lab in own)
        if able and not employed and not household.protected:
            chosen = draw.choices((Kind.OUT, Kind.COUNTY, Kind.FLEX), weights=(55, 30, 15))[0]
            start_job(able[0], chosen, -draw.randint(1, 36), draw, world)
        labors.extend(own)
    return labors
