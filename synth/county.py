"""A county's shared world: minimum wages, employers, workshops and the months its scale declines.

Built once per county from the seed alone (before any village), so every village of the county sees
the same employers, the same workshop closures and the same wage standards.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from random import Random

from synth import identifiers, names, periods, rng
from synth.codes import (
    COOPERATIVE,
    ENTERPRISE,
    FAMILY_FARM,
    OTHER_EMPLOYER,
    WORKSHOP_CLOSED,
    WORKSHOP_HALTED,
    WORKSHOP_OPERATOR,
)
from synth.model import Employer, Plant, Workshop
from synth.regions import County, Village, counties

# Jiangxi's monthly minimum wage by tier (档次): 2018 and 2021 standards; some counties raise it in 2024.
_STANDARDS = (
    (date(2018, 1, 1), {"1": 1680, "2": 1580, "3": 1470}),
    (date(2021, 4, 1), {"1": 1850, "2": 1730, "3": 1610}),
)
RAISE_DATE = date(2024, 4, 1)
RAISE = 120
RAISE_SHARE = 0.3
DECLINE_MONTHS = frozenset({14})  # 2025-03: a year after 2024-03, so it needs 15 generated months
DECLINE_SHARE = 0.25
WORKSHOP_CLOSE_SHARE = 0.1


@dataclass(frozen=True, slots=True)
class WageStandard:
    county: str
    tier: str
    effective: date
    amount: int


def _tier(name: str) -> str:
    return "1" if name.endswith("区") else "2" if name.endswith("市") else "3"


@cache
def minimum_wages(seed: int, raised: frozenset[str]) -> tuple[WageStandard, ...]:
    """Every county's standards (JY_ZDGZ); ``raised`` counties (and a random share) raise theirs in 2024."""
    found: list[WageStandard] = []
    for county in counties():
        tier = _tier(county.name)
        for effective, amounts in _STANDARDS:
            found.append(WageStandard(county.code, tier, effective, amounts[tier]))
        if county.code in raised or rng.unit(seed, "wage raise", county.code) < RAISE_SHARE:
            found.append(WageStandard(county.code, tier, RAISE_DATE, _STANDARDS[-1][1][tier] + RAISE))
    return tuple(found)


@dataclass(slots=True, eq=False)
class CountyWorld:
    county: County
    villages: list[Village]
    wages: tuple[WageStandard, ...]
    employers: list[Employer]
    workshops: list[Workshop]
    decline_months: frozenset[int]
    plants: dict[str, list[Plant]] = field(default_factory=dict)

    @property
    def raise_month(self) -> int | None:
        raised = [w.effective for w in self.wages if w.effective > _STANDARDS[-1][0]]
        return periods.month_of(raised[0]) if raised else None

    def wage(self, month: int) -> int:
        """The standard in force on the month's first day."""
        first = periods.first_day(month)
        return max((w for w in self.wages if w.effective <= first), key=lambda w: w.effective).amount

    def workshops_near(self, township: str) -> list[Workshop]:
        near = [w for w in self.workshops if w.township == township]
        return near or self.workshops


def _day_between(draw: Random, start: date, end: date) -> date:
    return start + timedelta(days=draw.randrange((end - start).days))


def _employers(county: County, villages: list[Village], seed: int) -> list[Employer]:
    draw = rng.stream(seed, "employers", county.code)
    households = sum(v.households for v in villages)
    found: list[Employer] = []
    used: set[str] = set()
    for index in range(max(8, households // 22)):
        township = draw.choice(county.townships)
        roll = draw.random()
        if roll < 0.6:
            dwlx, prefix, name = ENTERPRISE, "91", names.company_name(draw, county.name)
        elif roll < 0.7:
            dwlx, prefix, name = FAMILY_FARM, "92", names.family_farm_name(draw, county.name)
        elif roll < 0.9:
            village = draw.choice(villages)
            dwlx, prefix, name = COOPERATIVE, "93", names.cooperative_name(draw, village.name)
        else:
            dwlx, prefix, name = OTHER_EMPLOYER, "91", names.service_name(draw, county.name)
        code = identifiers.credit_code(draw, prefix, county.code)
        while code in used:
            code = identifiers.credit_code(draw, prefix, county.code)
        used.add(code)
        park = dwlx == ENTERPRISE and draw.random() < 0.45
        created = _day_between(draw, date(2015, 3, 1), date(2023, 12, 1))
        account = f"36050{county.code[2:]}{index:09d}"
        found.append(
            Employer(
                code,
                name,
                dwlx,
                county.code,
                park,
                created,
                periods.office_seconds(draw.random()),
                account,
                township.code,
            )
        )
    return found


def _workshops(county: County, villages: list[Village], seed: int, taken: set[str], planted: bool) -> list[Workshop]:
    draw = rng.stream(seed, "workshops", county.code)
    found: list[Workshop] = []
    for index in range(max(2, round(len(villages) / 6))):
        village = draw.choice(villages)
        name, operator_name = names.workshop_name(draw, village.name)
        code = identifiers.credit_code(draw, draw.choice(("91", "93")), county.code)
        while code in taken:
            code = identifiers.credit_code(draw, "91", county.code)
        taken.add(code)
        recognised = _day_between(draw, date(2017, 3, 1), date(2022, 12, 1))
        created = recognised + timedelta(days=draw.randrange(1, 30))
        operator = Employer(
            code,
            operator_name,
            WORKSHOP_OPERATOR,
            county.code,
            False,
            recognised,
            periods.office_seconds(draw.random()),
            f"36051{county.code[2:]}{index:09d}",
            village.township.code,
        )
        workshop = Workshop(
            f"CJ{village.code}{index + 1:02d}",
            name,
            village.code,
            village.township.code,
            operator,
            recognised,
            created,
            periods.office_seconds(draw.random()),
        )
        closing = draw.random()
        if planted and index == 0:
            workshop.closes, workshop.planted = draw.randint(1, 2), True
        elif closing < WORKSHOP_CLOSE_SHARE:
            workshop.closes = draw.randrange(3, periods.MAX_MONTHS)
        if workshop.closes is not None:
            workshop.closed_status = WORKSHOP_HALTED if draw.random() < 0.6 else WORKSHOP_CLOSED
            workshop.closed_on = periods.day(workshop.closes, draw.randint(3, 25))
            workshop.operator.protected = workshop.planted
        found.append(workshop)
    return found


def build_county(
    county: County, villages: list[Village], seed: int, *, raised: frozenset[str], declines: bool
) -> CountyWorld:
    """The county's world; the first county of a generation always raises its wage and declines."""
    wages = tuple(w for w in minimum_wages(seed, raised) if w.county == county.code)
    employers = _employers(county, villages, seed)
    workshops = _workshops(county, villages, seed, {e.code for e in employers}, planted=True)
    declines = declines or rng.unit(seed, "decline", county.code) < DECLINE_SHARE
    return CountyWorld(county, villages, wages, employers, workshops, DECLINE_MONTHS if declines else frozenset())
