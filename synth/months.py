"""A natural laborer's month: returns around Spring Festival, job losses and finds, new posts, pay.

Rates are small and the paths are designed so that ordinary lives produce few findings: someone who
comes home is idle at most one more month before working or farming again, and pay never falls under
the county's minimum wage. Planted hosts are scripted in ``synth.scripts`` instead.
"""

from __future__ import annotations

from random import Random

from synth import codes, periods
from synth.codes import EMPLOYED, Kind
from synth.county import CountyWorld
from synth.labor import new_placement, new_training, start_job
from synth.model import Labor

RETURN_IN_SEASON, RETURN_OTHERWISE = 0.03, 0.002
JOB_LOSS, REHIRE_AFTER_LOSS, HIRE_LONG_IDLE = 0.003, 0.25, 0.03
LEAVE_FARM_AFTER_FESTIVAL, NEW_POST, NEW_TRAINING = 0.04, 0.006, 0.004
LAYOFF_IN_DECLINE = 0.15
NOISE = 0.05


def _events(labor: Labor, month: int, draw: Random, world: CountyWorld) -> None:
    kind = labor.kind
    if labor.phase == 1:
        roll = draw.random()
        if roll < 0.6:
            labor.phase = 2
        elif roll < 0.8:
            labor.kind, labor.phase = Kind.FARM, 0
        else:
            start_job(labor, draw.choice((Kind.COUNTY, Kind.FLEX)), month, draw, world)
    elif labor.phase == 2:
        start_job(labor, draw.choices((Kind.OUT, Kind.COUNTY, Kind.FLEX), weights=(60, 25, 15))[0], month, draw, world)
    elif kind in (Kind.OUT, Kind.IN):
        chance = RETURN_IN_SEASON if periods.is_spring_season(month) else RETURN_OTHERWISE
        if draw.random() < chance:
            labor.kind, labor.phase, labor.returned = Kind.IDLE, 1, True
            labor.employer = labor.workshop = None
    elif kind in (Kind.COUNTY, Kind.FLEX, Kind.SELF):
        if draw.random() < JOB_LOSS:
            labor.kind, labor.laid_off, labor.employer = Kind.IDLE, True, None
    elif kind is Kind.IDLE:
        if draw.random() < (REHIRE_AFTER_LOSS if labor.laid_off else HIRE_LONG_IDLE):
            labor.laid_off = False
            start_job(
                labor, draw.choices((Kind.COUNTY, Kind.FLEX, Kind.OUT), weights=(40, 30, 30))[0], month, draw, world
            )
    elif kind is Kind.FARM:
        if periods.after_festival(month) and draw.random() < LEAVE_FARM_AFTER_FESTIVAL:
            start_job(labor, Kind.OUT, month, draw, world)
    elif kind is Kind.WORKSHOP:
        closes = labor.workshop.closes if labor.workshop else None
        if closes is not None and month > closes:
            roll = draw.random()
            if roll < 0.4:
                start_job(labor, Kind.COUNTY, month, draw, world)
            else:
                labor.kind, labor.workshop, labor.employer = (Kind.FARM if roll < 0.7 else Kind.IDLE), None, None
                labor.laid_off = labor.kind is Kind.IDLE
    elif kind is Kind.POST and not labor.post_subsidy(month):
        labor.kind = Kind.FARM


def _new_activities(labor: Labor, month: int, draw: Random, world: CountyWorld) -> None:
    if labor.phase or labor.kind not in (Kind.IDLE, Kind.FARM):
        return
    person = labor.person
    if person.labor == codes.SEMI_WEAK and draw.random() < NEW_POST:
        start = periods.day(month, draw.randint(1, 20))
        end = None
        if draw.random() < 0.15:
            ends = month + draw.randint(6, 24)
            end = periods.day(ends, draw.randint(5, 25)) if ends < periods.MAX_MONTHS else None
        new_placement(labor, start, draw, end=end)
        start_job(labor, Kind.POST, month, draw, world)
    elif periods.age_on(person.birth, periods.first_day(month)) <= 50 and draw.random() < NEW_TRAINING:
        last = labor.trainings[-1].end if labor.trainings else None
        if last is None or periods.month_of(last) < month:
            new_training(labor, periods.day(month, draw.randint(1, 20)), draw, world.county.name)


def advance(labor: Labor, month: int, draw: Random, world: CountyWorld) -> None:
    """Move a natural laborer through ``month``: events first, then the month's status and pay."""
    labor.returned = False
    _events(labor, month, draw, world)
    _new_activities(labor, month, draw, world)
    status = labor.kind
    earned: float | None = None
    if status is Kind.POST:
        earned = float(labor.post_subsidy(month))
    elif status in EMPLOYED:
        floor = world.wage(month) + 10
        earned = max(float(floor), round(labor.income * (1 + draw.uniform(-NOISE, NOISE)), 1))
    labor.status, labor.earned = status, earned


def lay_off(labors: list[Labor], month: int, draw: Random) -> None:
    """A county's bad month (planted scale decline): some employed people are idle this month only."""
    for labor in labors:
        employed = labor.status in EMPLOYED and labor.status is not Kind.POST
        if employed and not labor.pinned and draw.random() < LAYOFF_IN_DECLINE:
            labor.status, labor.earned = Kind.IDLE, None
