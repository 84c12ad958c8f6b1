"""What a new job, post or training looks like: place, employer, pay, subsidy, school.

Pay follows SOURCES.md's ranges (migrant work 3,200–6,600 yuan, county jobs up to 3,300) and never
starts below the county's minimum wage plus a margin, so ordinary incomes are not findings.
"""

from __future__ import annotations

from datetime import date, timedelta
from random import Random

from synth import codes, names, periods
from synth.codes import Kind
from synth.county import CountyWorld
from synth.model import Labor, Placement, Training
from synth.regions import city_names

DESTINATIONS = (
    "广东省东莞市",
    "广东省深圳市",
    "广东省广州市",
    "广东省佛山市",
    "广东省中山市",
    "广东省惠州市",
    "浙江省宁波市",
    "浙江省金华市",
    "浙江省杭州市",
    "福建省厦门市",
    "福建省泉州市",
    "上海市",
    "江苏省苏州市",
    "湖南省长沙市",
)
SCHOOLS = ("就业训练中心", "职业技能培训学校", "农业广播电视学校")


def _round10(value: float) -> int:
    return round(value / 10.0) * 10


def start_job(labor: Labor, kind: Kind, month: int, draw: Random, world: CountyWorld) -> None:
    """Put the laborer in a new job of ``kind`` from ``month`` on."""
    person = labor.person
    village = person.household.village
    floor = world.wage(max(month, 0)) + 100
    labor.kind, labor.since, labor.phase = kind, month, 0
    labor.employer = labor.workshop = None
    labor.place = labor.firm = None
    if kind is Kind.OUT:
        labor.place = draw.choice(DESTINATIONS)
        labor.firm = names.company_name(draw, labor.place.split("省")[-1])
        labor.income = _round10(draw.uniform(3200, 6600))
    elif kind is Kind.IN:
        others = [n for code, n in sorted(city_names().items()) if code != world.county.city]
        city = draw.choice(others)
        labor.place, labor.firm = f"江西省{city}", names.company_name(draw, city)
        labor.income = _round10(draw.uniform(3100, 5200))
    elif kind is Kind.COUNTY:
        employer = draw.choice(world.employers)
        labor.employer = employer
        labor.place = "本县工业园区" if employer.park else world.county.name
        labor.income = _round10(draw.uniform(max(1800, floor), 3300))
    elif kind is Kind.WORKSHOP:
        near = world.workshops_near(village.township.code)
        usable = [w for w in near if w.closes is None or w.closes > month]
        if not usable:
            start_job(labor, Kind.COUNTY, month, draw, world)
            return
        workshop = draw.choice(usable)
        labor.workshop, labor.employer = workshop, workshop.operator
        labor.place = workshop.name
        labor.income = _round10(draw.uniform(floor, max(floor + 100, 2800)))
    elif kind is Kind.SELF:
        labor.place = village.township.name
        labor.firm = f"{person.name}个体经营"
        labor.income = _round10(draw.uniform(2500, 5800))
    elif kind is Kind.FLEX:
        labor.place = world.county.name
        labor.income = _round10(draw.uniform(floor, max(floor + 100, 3100)))
    elif kind is Kind.POST:
        labor.place = village.name
    labor.job_from = month


def new_placement(
    labor: Labor,
    start: date,
    draw: Random,
    *,
    subsidy: int | None = None,
    post: str | None = None,
    end: date | None = None,
) -> Placement:
    person = labor.person
    chosen = post or (codes.PV_POST if draw.random() < 0.15 else draw.choice(codes.POSTS))
    placement = Placement(
        person.serial * 10 + len(labor.placements) + 1,
        chosen,
        person.household.village.code,
        start,
        end,
        subsidy if subsidy is not None else draw.randrange(400, 1001, 50),
        start,
        periods.office_seconds(draw.random()),
    )
    labor.placements.append(placement)
    return placement


def new_training(labor: Labor, start: date, draw: Random, county: str) -> Training | None:
    if len(labor.trainings) >= 9:
        return None
    training = Training(
        labor.person.serial * 10 + len(labor.trainings) + 1,
        draw.choice(codes.TRAINING_TYPES),
        f"{county}{draw.choice(SCHOOLS)}",
        start,
        start + timedelta(days=draw.randint(5, 25)),
        draw.random() < 0.8,
    )
    labor.trainings.append(training)
    return training
