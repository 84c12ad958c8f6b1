"""Which rule situations a county gets, in which villages and months.

Every county gets at least one instance of every kind (a few per hundred villages), the first one early
enough that a six-month generation already shows it; later ones spread over the first year. Kinds named
``not_*`` are near misses that must NOT become findings (a reversal that cancels a duplicate, a
returned payment, a placement still active in its last month ...).
"""

from __future__ import annotations

from dataclasses import dataclass

from synth import rng
from synth.county import CountyWorld
from synth.model import Plant

PER_VILLAGE = 0.03


@dataclass(frozen=True, slots=True)
class PlantKind:
    name: str
    first: tuple[int, int]  # month range of a county's first instance
    later: tuple[int, int]  # month range of the others
    needs_ledger: bool = False


KINDS: tuple[PlantKind, ...] = (
    PlantKind("zero_employment", (0, 2), (0, 10)),
    PlantKind("drop_exact", (1, 3), (1, 11)),
    PlantKind("drop_big", (1, 3), (1, 11)),
    PlantKind("below_minimum", (0, 3), (0, 11)),
    PlantKind("returnee", (0, 2), (0, 10)),
    PlantKind("followup_missing", (0, 4), (0, 11)),
    PlantKind("late_visit", (0, 4), (0, 11)),
    PlantKind("late_entry", (0, 4), (0, 11)),
    PlantKind("conflict_over_60", (0, 0), (0, 0)),
    PlantKind("conflict_turning_61", (1, 3), (1, 10)),
    PlantKind("conflict_under_16", (0, 0), (0, 0)),
    PlantKind("conflict_student", (0, 0), (0, 0)),
    PlantKind("not_turning_60", (1, 3), (1, 10)),
    PlantKind("post_over_minimum", (0, 0), (0, 0)),
    PlantKind("status_conflict", (0, 4), (0, 11)),
    PlantKind("status_conflict_ledger", (0, 4), (0, 11), needs_ledger=True),
    PlantKind("unregistered", (0, 3), (0, 10)),
    PlantKind("not_unregistered_returned", (0, 3), (0, 10)),
    PlantKind("duplicate", (0, 3), (0, 10)),
    PlantKind("duplicate_legacy", (0, 3), (0, 10)),
    PlantKind("not_duplicate_reversed", (0, 3), (0, 10)),
    PlantKind("not_duplicate_returned", (0, 3), (0, 10)),
    PlantKind("post_without_placement", (0, 3), (0, 10)),
    PlantKind("post_after_end", (0, 2), (0, 10)),
    PlantKind("hiring_without_employment", (0, 3), (0, 10)),
    PlantKind("workshop_without_employment", (0, 3), (0, 10)),
    PlantKind("shared_account", (0, 3), (0, 10)),
)
VILLAGE_LEVEL = frozenset({"late_visit", "late_entry", "unregistered", "not_unregistered_returned"})


def plan_county(world: CountyWorld, seed: int) -> dict[str, list[Plant]]:
    """Village code → the situations planted there (in a fixed order)."""
    draw = rng.stream(seed, "plan", world.county.code)
    villages = world.villages
    ledger_villages = [v for v in villages if v.ledger] or villages
    per_kind = max(1, round(len(villages) * PER_VILLAGE))
    plants: dict[str, list[Plant]] = {v.code: [] for v in villages}
    for kind in KINDS:
        pool = ledger_villages if kind.needs_ledger else villages
        for index in range(per_kind):
            low, high = kind.first if index == 0 else kind.later
            village = draw.choice(pool)
            plants[village.code].append(Plant(kind.name, draw.randint(low, high)))
    raise_month = world.raise_month
    if raise_month is not None:
        for _ in range(per_kind):
            plants[draw.choice(villages).code].append(Plant("below_after_raise", raise_month))
    for workshop in world.workshops:
        if workshop.planted and workshop.closes is not None:
            plants[workshop.village].append(Plant("workshop_closed", workshop.closes, {"workshop": workshop}))
    return plants
