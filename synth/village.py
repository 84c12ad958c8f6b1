"""One village, month by month: who does what, and every row and ledger that follows from it.

The village's people are built first (``population``), planted situations placed (``hosts``), then
each month is simulated and written. Every month draws from streams named by (village, month), so a
shorter generation is exactly the first months of a longer one.
"""

from __future__ import annotations

from dataclasses import dataclass
from random import Random

from synth import hr_rows, ledgers, names, periods, poverty_rows, rng
from synth.config import Rates
from synth.county import CountyWorld
from synth.emit import Emitter
from synth.ledgers import LedgerLine
from synth.model import Labor, Plant
from synth.months import advance, lay_off
from synth.payments import Payments
from synth.population import VillagePeople
from synth.poverty_rows import FollowUp
from synth.scripts import followup_label, record_month, scripted_month
from synth.truth import TruthLog
from synth.workforce import init_labor

LATE_ROWS = 2


@dataclass(frozen=True, slots=True)
class Run:
    """What every village of a generation shares."""

    seed: int
    months: int
    rates: Rates
    emitter: Emitter
    truth: TruthLog
    ledgers: ledgers.LedgerFiles


def _placed(run: Run, followup: FollowUp) -> bool:
    """Whether the visit certainly counts for the village: its person's registry rows are never quarantined."""
    person = followup.labor.person
    household = person.household
    return not (
        run.emitter.may_fault("PKHCY", str(person.serial), person.protected)
        or run.emitter.may_fault("PKH", household.number, household.protected)
    )


def _late(run: Run, followups: list[FollowUp], plants: list[Plant], month: int, draw: Random, village: str) -> None:
    """Planted late follow-ups: a visit after the 20th, or an entry after the 25th."""
    for plant in plants:
        if plant.month != month or plant.kind not in ("late_visit", "late_entry"):
            continue
        candidates = [f for f in followups if not f.labor.pinned and not f.protected and _placed(run, f)]
        for followup in draw.sample(candidates, min(LATE_ROWS, len(candidates))):
            if plant.kind == "late_visit":
                followup.visit = periods.day(month, draw.randint(21, 24))
                followup.entry = periods.day(month, min(25, followup.visit.day + draw.randint(0, 1)))
            else:
                followup.entry = periods.day(month, draw.randint(26, 28))
            followup.protected = True
        if candidates:
            run.truth.plant("FOLLOWUP_LATE", village=village, period=periods.period(month))


def _ledger_lines(followups: list[FollowUp], month: int) -> list[LedgerLine]:
    lines: list[LedgerLine] = []
    for followup in followups:
        person = followup.labor.person
        label = followup_label(followup.labor, month, ledger=True)
        if label is None:
            continue
        lines.append(
            LedgerLine(
                person.name,
                person.registry_id,
                person.citizen_id,
                person.household.number,
                label,
                followup.place,
                followup.firm,
                followup.income,
                followup.visit,
                followup.visitor,
                followup.remark,
                followup.protected,
            )
        )
    return lines


def _month(
    run: Run,
    people: VillagePeople,
    labors: list[Labor],
    plants: list[Plant],
    world: CountyWorld,
    month: int,
    visitors: list[str],
) -> list[FollowUp]:
    village = people.village
    draw = rng.stream(run.seed, "month", village.code, month)
    for labor in labors:
        if labor.pinned:
            scripted_month(labor, month, world)
        else:
            advance(labor, month, draw, world)
    if month in world.decline_months:
        lay_off(labors, month, draw)
    hr_draw = rng.stream(run.seed, "hr", village.code, month)
    for labor in labors:
        if labor.person.hr_tracked:
            hr_rows.employment(run.emitter, labor, month, hr_draw)
        if labor.pinned:
            record_month(labor, month, world, run.truth)
    visit_draw = rng.stream(run.seed, "followups", village.code, month)
    visit_day = visit_draw.randint(3, 12)
    followups: list[FollowUp] = []
    for labor in labors:
        label = followup_label(labor, month, ledger=False)
        if label is not None:
            followups.append(
                poverty_rows.build_followup(labor, label, month, visit_draw, visit_day, visit_draw.choice(visitors))
            )
    _late(run, followups, plants, month, visit_draw, village.code)
    for followup in followups:
        poverty_rows.followup_row(run.emitter, followup, month, visit_draw)
    return followups


def generate_village(
    run: Run, people: VillagePeople, plants: list[Plant], world: CountyWorld, local_index: int
) -> None:
    """Simulate and write the village over the generation's months."""
    village = people.village
    labors = init_labor(people, world, run.seed)
    payments = Payments(run.emitter, run.truth, village, world)
    staff = rng.stream(run.seed, "visitors", village.code)
    visitors = [names.person_name(staff, names.surname(staff), staff.random() < 0.6) for _ in range(3)]
    for month in range(run.months):
        followups = _month(run, people, labors, plants, world, month, visitors)
        if village.ledger:
            ledgers.write_ledger(
                run.ledgers, village, month, _ledger_lines(followups, month), run.seed, run.rates, run.truth
            )
        payments.month(month, labors, plants, run.seed, local_index)
    for household in people.households:
        poverty_rows.household_row(run.emitter, household)
        for person in household.members:
            poverty_rows.member_row(run.emitter, person)
    for labor in labors:
        hr_rows.placements(run.emitter, labor)
        hr_rows.trainings(run.emitter, labor)
