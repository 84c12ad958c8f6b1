"""Rows about a county rather than a village: employers, workshops, job postings, and wage standards."""

from __future__ import annotations

from datetime import date, timedelta

from synth import codes, periods, rng
from synth.county import CountyWorld, WageStandard
from synth.emit import Emitter
from synth.truth import TruthLog

JOBS = (
    "普工",
    "操作工",
    "缝纫工",
    "电子装配工",
    "质检员",
    "仓管员",
    "搬运工",
    "保安",
    "厨师",
    "销售员",
    "叉车司机",
    "电工",
    "焊工",
    "保洁员",
    "包装工",
)
POSTING_MONTHS_BEFORE = 2
ALWAYS = date(2000, 1, 1)
"""Wage standards have no update time; they are visible in every generation."""


def wage_rows(emitter: Emitter, wages: tuple[WageStandard, ...]) -> None:
    for wage in wages:
        values: list[object] = [wage.county, wage.tier, wage.amount, periods.compact_date(wage.effective)]
        emitter.emit("JY_ZDGZ", values, when=ALWAYS, protected=True)


def employer_rows(emitter: Emitter, world: CountyWorld) -> None:
    for employer in [*world.employers, *(w.operator for w in world.workshops)]:
        values: list[object] = [
            employer.code,
            employer.name,
            employer.dwlx,
            employer.county,
            "Y" if employer.park else "N",
            periods.hr_stamp(employer.created, employer.seconds),
        ]
        emitter.emit("JY_YGDW", values, when=employer.created, protected=employer.protected)


def workshop_rows(emitter: Emitter, world: CountyWorld) -> None:
    for workshop in world.workshops:
        status, when, seconds = codes.WORKSHOP_OPEN, workshop.created, workshop.seconds
        if workshop.closed_on is not None and emitter.visible(workshop.closed_on):
            status, when, seconds = workshop.closed_status, workshop.closed_on, 15 * 3600 + workshop.seconds % 3600
        values: list[object] = [
            workshop.cjbh,
            workshop.name,
            workshop.village,
            workshop.operator.code,
            workshop.recognised.isoformat(),
            status,
            periods.iso_stamp(when, seconds),
        ]
        emitter.emit(
            "FPCJ",
            values,
            when=when,
            protected=workshop.planted,
            avoid=frozenset({"ZT"}) if workshop.closes is not None else frozenset(),
        )


def posting_rows(emitter: Emitter, world: CountyWorld, months: int, seed: int) -> None:
    """Each month's job postings by the county's employers (and a few still open from late 2023)."""
    county = world.county
    for month in range(-POSTING_MONTHS_BEFORE, months):
        draw = rng.stream(seed, "postings", county.code, month)
        for number in range(1, max(2, len(world.employers) // 8) + 1):
            employer = draw.choice(world.employers)
            published = periods.day(month, draw.randint(1, 25))
            low = draw.randrange(2000, 4001, 100)
            skill = None if draw.random() < 0.6 else draw.choice(codes.SKILL_LEVELS[:3])
            values: list[object] = [
                county.number * 1_000_000 + (month + POSTING_MONTHS_BEFORE + 1) * 1000 + number,
                employer.code,
                draw.choice(JOBS),
                draw.randint(1, 30),
                low,
                low + draw.randrange(500, 2501, 100),
                county.code,
                skill,
                periods.compact_date(published),
                periods.compact_date(published + timedelta(days=draw.randint(30, 90))),
                periods.hr_stamp(published, periods.office_seconds(draw.random())),
            ]
            emitter.emit("JY_GWXX", values, when=published)


def county_plants(truth: TruthLog, world: CountyWorld, months: int) -> None:
    for month in sorted(world.decline_months):
        if month < months:
            truth.plant("SCALE_DECLINE", county=world.county.code, period=periods.period(month))
