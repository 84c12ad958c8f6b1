"""Registered households and their members: family structure, ages, labor ability, schooling, IDs.

Households are drawn village by village from the village's own stream. Citizen IDs are then assigned
township by township: the order code's first two digits are the township's number in its county and
the third (odd for men) tells apart people born on the same day, so IDs are unique without any state
shared between townships.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from random import Random

from synth import codes, identifiers, names, periods, rng
from synth.config import Rates
from synth.model import Household, Person
from synth.regions import RENUMBERED, Township, Village

REFERENCE = date(2024, 1, 1)
_STATUS_WEIGHTS = ((codes.LIFTED, 86), (codes.UNSTABLE, 5), (codes.MARGINAL, 6), (codes.SUDDEN, 1), (codes.POOR, 2))
_HEAD_AGES = ((28, 39, 14), (40, 54, 36), (55, 69, 35), (70, 86, 15))


@dataclass(slots=True, eq=False)
class VillagePeople:
    village: Village
    households: list[Household]
    people: list[Person]  # in serial order


def _head_age(draw: Random) -> int:
    low, high, _ = draw.choices(_HEAD_AGES, weights=[w for *_, w in _HEAD_AGES])[0]
    return draw.randint(low, high)


def _family(draw: Random) -> list[tuple[str, int, bool]]:
    """(relation, age on 2024-01-01, male) of each member, head first."""
    head_age, head_male = _head_age(draw), draw.random() < 0.85
    members = [("户主", head_age, head_male)]
    if draw.random() < (0.88 if head_age < 68 else 0.55):
        spouse_age = head_age + (-2 if head_male else 2) + draw.randint(-3, 3)
        members.append(("配偶", max(20, min(95, spouse_age)), not head_male))
    if head_age < 48:
        children = draw.choices((0, 1, 2, 3), weights=(10, 32, 40, 18))[0]
    else:  # grown children have mostly set up their own households
        children = draw.choices((0, 1, 2), weights=(40, 45, 15))[0]
    for _ in range(children):
        age = head_age - draw.randint(22, 36)
        if age >= 0:
            male = draw.random() < 0.52
            members.append(("子" if male else "女", age, male))
    if head_age <= 56 and draw.random() < 0.25:
        if draw.random() < 0.6 and head_age + 28 <= 92:
            members.append(("父亲", head_age + draw.randint(22, 32), True))
        if head_age + 26 <= 94:
            members.append(("母亲", head_age + draw.randint(20, 30), False))
    grown = [age for relation, age, _ in members if relation in ("子", "女") and age >= 22]
    if grown and draw.random() < 0.55:
        for _ in range(draw.randint(1, 2)):
            age = max(grown) - draw.randint(22, 30)
            if age >= 0:
                male = draw.random() < 0.52
                members.append(("孙子" if male else "孙女", age, male))
    return members[:8]


def _school(draw: Random, age: int) -> str:
    if 6 <= age <= 11:
        return "小学"
    if 12 <= age <= 14:
        return "初中"
    if 15 <= age <= 17:
        return draw.choices(("高中", "中职", codes.NOT_STUDENT), weights=(55, 30, 15))[0]
    if 18 <= age <= 22:
        return draw.choices(("高职", "本科及以上", codes.NOT_STUDENT), weights=(15, 15, 70))[0]
    return codes.NOT_STUDENT


def _labor(draw: Random, age: int, school: str, disability: str) -> str:
    if age < 16 or school != codes.NOT_STUDENT:
        return codes.NO_LABOR
    if disability != "无":
        return codes.LOST if draw.random() < 0.5 else codes.SEMI_WEAK
    if age > 60:
        return codes.LOST if draw.random() < (0.75 if age > 70 else 0.35) else codes.SEMI_WEAK
    return codes.SKILLED if draw.random() < 0.15 else codes.NORMAL


def _willing(draw: Random, labor: str) -> str | None:
    if labor in (codes.NORMAL, codes.SKILLED):
        return draw.choices((codes.WILLING, codes.UNDECIDED, codes.UNWILLING), weights=(60, 20, 20))[0]
    if labor == codes.SEMI_WEAK:
        return draw.choices((codes.WILLING, codes.UNDECIDED, codes.UNWILLING), weights=(15, 25, 60))[0]
    return None


def _household(village: Village, running: int, draw: Random, rates: Rates) -> Household:
    number = f"{village.code}{running:04d}"
    created = date(2016, 3, 1) + timedelta(days=draw.randrange(2800))
    status = draw.choices([s for s, _ in _STATUS_WEIGHTS], weights=[w for _, w in _STATUS_WEIGHTS])[0]
    lifted = draw.randint(2016, 2020) if status in (codes.LIFTED, codes.UNSTABLE) else None
    account = identifiers.bank_card("621799", identifiers.scramble(village.serial * 10_000 + running, 10**12))
    household = Household(
        number,
        village,
        running,
        account,
        identifiers.mobile(draw),
        status,
        lifted,
        created,
        periods.office_seconds(draw.random()),
    )
    if draw.random() < 0.08:
        month = draw.randrange(periods.MAX_MONTHS)
        new = codes.LIFTED if status != codes.LIFTED else draw.choice((codes.UNSTABLE, codes.SUDDEN))
        household.changes.append(
            (month, new, periods.day(month, draw.randint(2, 26)), periods.office_seconds(draw.random()))
        )
    family = names.surname(draw)
    county = village.township.county
    renumbered = RENUMBERED.get(county)
    for relation, age, male in _family(draw):
        birth = date(2023 - age, 1, 1) + timedelta(days=draw.randrange(365))
        own_family = relation in ("户主", "子", "女", "父亲", "孙子", "孙女")
        surname = family if own_family else names.surname(draw)
        name = names.person_name(draw, surname, male)
        disability = "无" if draw.random() > (0.04 if age < 50 else 0.09) else draw.choice(codes.DISABILITIES)
        school = _school(draw, age)
        labor = _labor(draw, age, school, disability)
        person = Person(
            0, household, relation, name, len(surname), male, birth, disability, school, labor, _willing(draw, labor)
        )
        person.old_area = renumbered is not None and birth.year < renumbered[1] and draw.random() < 0.7
        person.created = max(created, birth + timedelta(days=40))
        person.seconds = periods.office_seconds(draw.random())
        legacy = birth.year < 1983 and draw.random() < rates.legacy_id
        person.registry_id = "legacy" if legacy else ""
        if person.laborer:
            person.hr_tracked = draw.random() < (0.7 if labor == codes.SEMI_WEAK else 0.88)
            if labor == codes.SKILLED:
                person.skill = draw.choices(codes.SKILL_LEVELS, weights=(50, 35, 12, 2, 1))[0]
            variant = names.respelt(name, len(surname)) if draw.random() < rates.name_variant else None
            person.hr_name = variant or name
        household.members.append(person)
    return household


def build_village(village: Village, seed: int, rates: Rates) -> VillagePeople:
    draw = rng.stream(seed, "households", village.code)
    households = [_household(village, running, draw, rates) for running in range(1, village.households + 1)]
    people = [person for household in households for person in household.members]
    if len(people) > 999:
        raise ValueError(f"village {village.code}: {len(people)} people; a village numbers at most 999")
    for index, person in enumerate(people, 1):
        person.serial = village.serial * 1000 + index
        if person.laborer and draw.random() < 0.25:
            person.own_account = identifiers.bank_card("622848", identifiers.scramble(person.serial, 10**12))
    return VillagePeople(village, households, people)


def assign_ids(township: Township, villages: list[VillagePeople]) -> None:
    """Give everyone in the township a unique valid ID (a birthday may move a day to make room)."""
    used: dict[tuple[str, date, bool], int] = {}
    renumbered = RENUMBERED.get(township.county)
    for village in villages:
        for person in village.people:
            area = renumbered[0] if person.old_area and renumbered else township.county
            birth = person.birth
            while used.get((area, birth, person.male), 0) >= 5:
                birth += timedelta(days=1)
            rank = used.get((area, birth, person.male), 0)
            used[(area, birth, person.male)] = rank + 1
            person.birth = birth
            order = township.number * 10 + 2 * rank + (1 if person.male else 0)
            person.citizen_id = identifiers.citizen_id(area, birth, order)
            legacy = person.registry_id == "legacy"
            person.registry_id = identifiers.legacy_id(person.citizen_id) if legacy else person.citizen_id
            planted_conflict = person.plant is not None and person.plant.kind.startswith("conflict")
            if person.labor in (codes.NORMAL, codes.SKILLED) and not planted_conflict:
                month = periods.first_month_aged_over(birth, 60)
                person.ages_out = month if month < periods.MAX_MONTHS else None
