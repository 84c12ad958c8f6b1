"""Choosing and shaping the people a planted situation happens to.

Each planted situation gets a household of its own, so no two situations (and no fault: hosts are
protected) interfere. A host is a member who already fits (right age); when a village has none, a
member's birth date is moved so that one does. Runs before IDs are assigned, as it may move birthdays.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from random import Random

from synth import codes, periods, rng
from synth.model import Household, Person, Plant
from synth.plan import VILLAGE_LEVEL
from synth.population import REFERENCE, VillagePeople

WORKERS = frozenset(
    {
        "drop_exact",
        "drop_big",
        "below_minimum",
        "below_after_raise",
        "returnee",
        "followup_missing",
        "status_conflict",
        "status_conflict_ledger",
        "hiring_without_employment",
        "workshop_without_employment",
        "workshop_closed",
    }
)
POST_HOLDERS = frozenset(
    {
        "post_over_minimum",
        "duplicate",
        "duplicate_legacy",
        "not_duplicate_reversed",
        "not_duplicate_returned",
        "post_after_end",
        "post_without_placement",
    }
)

type Fits = Callable[[Person], bool]


def _age(person: Person) -> int:
    return periods.age_on(person.birth, REFERENCE)


def _aged(low: int, high: int) -> Fits:
    return lambda person: low <= _age(person) <= high


def _set_age(person: Person, age: int, draw: Random) -> None:
    person.birth = date(2023 - age, draw.randint(1, 12), draw.randint(1, 28))


def _shape(person: Person, labor: str, *, disability: str = "无", school: str = codes.NOT_STUDENT) -> None:
    person.labor, person.disability, person.school = labor, disability, school
    person.willing = person.willing or codes.WILLING
    person.skill = None
    person.hr_tracked = True
    person.hr_name = person.hr_name or person.name


class _Picker:
    """Hands out households no other plant has taken, members that fit first."""

    def __init__(self, village: VillagePeople, draw: Random) -> None:
        self.draw = draw
        self.free = list(village.households)
        draw.shuffle(self.free)

    def take(self, fits: Fits, fallback_age: int) -> tuple[Household, Person]:
        for household in self.free:
            found = [p for p in household.members if fits(p)]
            if found:
                self.free.remove(household)
                return household, self.draw.choice(found)
        if not self.free:
            raise ValueError("a village ran out of households for planted situations; use a larger scale")
        household = self.free.pop(0)
        person = household.members[-1] if len(household.members) > 1 else household.members[0]
        _set_age(person, fallback_age, self.draw)
        return household, person


def _mark(household: Household, person: Person, plant: Plant) -> None:
    person.plant, person.protected, household.protected = plant, True, True


def place_plants(village: VillagePeople, plants: list[Plant], seed: int) -> list[Plant]:
    """Give every person-level plant its host; returns the village-level plants for the month loop."""
    draw = rng.stream(seed, "hosts", village.village.code)
    picker = _Picker(village, draw)
    village_level: list[Plant] = []
    for plant in plants:
        kind = plant.kind
        if kind in VILLAGE_LEVEL:
            village_level.append(plant)
            continue
        if kind in WORKERS:
            household, host = picker.take(_aged(22, 50), 35)
            _shape(host, codes.NORMAL)
        elif kind in POST_HOLDERS:
            household, host = picker.take(_aged(35, 58), 50)
            _shape(host, codes.SEMI_WEAK, disability=host.disability if host.disability != "无" else "肢体")
        elif kind == "zero_employment":
            household, host = picker.take(_aged(20, 50), 35)
            _shape(host, codes.NORMAL)
            host.willing = codes.WILLING
            for member in household.members:
                member.plant, member.protected = plant, True
        elif kind == "conflict_over_60":
            household, host = picker.take(_aged(62, 72), 64)
            _shape(host, codes.NORMAL)
        elif kind in ("conflict_turning_61", "not_turning_60"):
            household, host = picker.take(_aged(54, 70), 60)
            year, month = periods.year_month(plant.month)
            host.birth = date(year - (61 if kind == "conflict_turning_61" else 60), month, 15)
            _shape(host, codes.NORMAL)
        elif kind == "conflict_under_16":
            household, host = picker.take(_aged(10, 17), 15)
            host.birth = date(2008, draw.randint(10, 12), draw.randint(1, 28))
            _shape(host, codes.NORMAL)
        elif kind == "conflict_student":
            household, host = picker.take(_aged(16, 21), 18)
            host.birth = date(2005, draw.randint(1, 12), draw.randint(1, 28))
            _shape(host, codes.NORMAL, school="高职")
        elif kind == "shared_account":
            household, host = picker.take(_aged(22, 58), 40)
            partner_household, partner = picker.take(_aged(22, 58), 40)
            for person in (host, partner):
                if not person.laborer:
                    _shape(person, codes.NORMAL)
                person.hr_tracked = True
            _mark(partner_household, partner, plant)
            plant.details["partner"] = partner
        else:
            raise ValueError(f"plant kind {kind!r}: no host rule; expected one of the kinds in synth.plan")
        plant.details["host"] = host
        _mark(household, host, plant)
    return village_level
