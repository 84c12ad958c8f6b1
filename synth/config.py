"""Scales and rates: the knobs of a generation, in one place."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

type RegionSpan = Literal["county", "city", "province"]


@dataclass(frozen=True, slots=True)
class Scale:
    """How much of the province a scale covers and how dense it is."""

    name: str
    span: RegionSpan
    max_townships: int | None  # per county; None = every rural township
    villages_per_township: tuple[int, int]
    households_per_village: tuple[int, int]
    default_months: int
    ledger_share: float  # share of a county's villages that keep Excel ledgers (at least one per county)


SCALES: dict[str, Scale] = {
    "village": Scale("village", "county", 2, (3, 3), (42, 58), 6, 0.5),
    "county": Scale("county", "county", 15, (8, 14), (36, 80), 12, 0.1),
    "city": Scale("city", "city", None, (8, 14), (36, 80), 12, 0.03),
    "province": Scale("province", "province", None, (8, 14), (36, 80), 12, 0.01),
}


def scale_named(name: str) -> Scale:
    try:
        return SCALES[name]
    except KeyError:
        raise ValueError(f"scale {name!r}: expected one of {', '.join(SCALES)}") from None


@dataclass(frozen=True, slots=True)
class Rates:
    """Per-record probabilities of the planted dirt (faults are quarantined, variants are not)."""

    fault: float = 0.005
    messy_id: float = 0.004  # lower-case x, full-width digits, embedded spaces
    legacy_id: float = 0.03  # share of people born before 1983 whose registry ID is still 15 digits
    name_variant: float = 0.01  # share of HR-tracked people HR spells differently

    def __post_init__(self) -> None:
        for field in ("fault", "messy_id", "legacy_id", "name_variant"):
            value = getattr(self, field)
            if not 0.0 <= value <= 0.5:
                raise ValueError(f"rate {field}={value!r}: expected a probability between 0 and 0.5")
