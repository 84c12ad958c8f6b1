"""HR's rows about laborers: monthly employment records, public-welfare placements, trainings.

A month's employment records are entered during that month (HR's ``GXSJ``); a placement's row is
rewritten when the post ends (``JSRQ`` and a new ``GXSJ``), and a training's row appears when it ends.
"""

from __future__ import annotations

from random import Random

from synth import periods
from synth.codes import HR_STATUS, Kind
from synth.emit import Emitter
from synth.model import Labor
from synth.rng import between

EMPLOYMENT_ID_STEP = 20_000_000
"""Employment and follow-up row ids: (month + 1) * step + person serial (person serials < step)."""


def month_row_id(month: int, serial: int) -> int:
    return (month + 1) * EMPLOYMENT_ID_STEP + serial


def employment(emitter: Emitter, labor: Labor, month: int, draw: Random) -> None:
    """The laborer's HR record of the month (for people HR monitors)."""
    person = labor.person
    status = labor.status
    place = firm = code = None
    if status in (Kind.COUNTY, Kind.WORKSHOP) and labor.employer is not None:
        place, firm, code = labor.place, labor.employer.name, labor.employer.code
    elif status in (Kind.OUT, Kind.IN, Kind.SELF):
        place, firm = labor.place, labor.firm
    elif status is Kind.FLEX:
        place = labor.place
    elif status is Kind.POST:
        village = person.household.village.name
        place, firm = village, f"{village}村民委员会"
    when = periods.day(month, between(draw, 10, 28))
    values: list[object] = [
        month_row_id(month, person.serial),
        person.citizen_id,
        person.hr_name,
        "1" if person.male else "2",
        person.household.village.township.county,
        HR_STATUS[status],
        place,
        firm,
        code,
        None if labor.earned is None else round(labor.earned),
        periods.compact_month(month),
        person.skill,
        periods.hr_stamp(when, periods.office_seconds(draw.random())),
    ]
    emitter.emit(
        "JY_LDLJYXX", values, when=when, ids=(person.citizen_id,), name=person.name, protected=person.protected
    )


def placements(emitter: Emitter, labor: Labor) -> None:
    """Each placement as last written before the horizon."""
    person = labor.person
    for placement in labor.placements:
        ended = placement.end
        if ended is not None and emitter.visible(ended):
            when, end = ended, periods.compact_date(ended)
        else:
            when, end = placement.created, None
        values: list[object] = [
            placement.id,
            person.citizen_id,
            placement.post,
            placement.village,
            periods.compact_date(placement.start),
            end,
            placement.subsidy,
            periods.hr_stamp(when, placement.seconds),
        ]
        emitter.emit("JY_GYXGW", values, when=when, ids=(person.citizen_id,), protected=person.protected)


def trainings(emitter: Emitter, labor: Labor) -> None:
    person = labor.person
    for training in labor.trainings:
        values: list[object] = [
            training.id,
            person.citizen_id,
            training.kind,
            training.school,
            periods.compact_date(training.start),
            periods.compact_date(training.end),
            "Y" if training.certificate else "N",
            periods.hr_stamp(training.end, 17 * 3600 + training.id % 3600),
        ]
        emitter.emit("JY_PXJL", values, when=training.end, ids=(person.citizen_id,), protected=person.protected)
