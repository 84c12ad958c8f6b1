"""The simulated world: households and people, employers and workshops, placements and trainings.

These are plain mutable records the stages fill in (population → plants → labor → months); rows for
the departments are written from them, never the other way round.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from synth import periods
from synth.codes import LABOR_FORCE, POST_SUBSIDY, PV_POST, PV_POST_SUBSIDY, Kind

if TYPE_CHECKING:
    from synth.regions import Village


@dataclass(slots=True, eq=False)
class Plant:
    """A planted rule situation: its kind, its key month and kind-specific details."""

    kind: str
    month: int
    details: dict[str, object] = field(default_factory=dict)


@dataclass(slots=True, eq=False)
class Employer:
    code: str  # unified social credit code (DWXYDM)
    name: str
    dwlx: str
    county: str
    park: bool
    created: date
    seconds: int
    account: str
    township: str
    protected: bool = False


@dataclass(slots=True, eq=False)
class Workshop:
    cjbh: str
    name: str
    village: str  # 12-digit code
    township: str
    operator: Employer
    recognised: date
    created: date
    seconds: int
    closes: int | None = None  # month the workshop stops (停产/注销)
    closed_status: str = ""
    closed_on: date | None = None
    planted: bool = False


@dataclass(slots=True, eq=False)
class Placement:
    """A public-welfare post (JY_GYXGW row)."""

    id: int
    post: str
    village: str
    start: date
    end: date | None
    subsidy: int  # YBT, yuan a month
    created: date
    seconds: int

    @property
    def item(self) -> str:
        """The subsidy item it is paid under: solar-income posts are paid from 光伏收益 (GF01)."""
        return PV_POST_SUBSIDY if self.post == PV_POST else POST_SUBSIDY


@dataclass(slots=True, eq=False)
class Training:
    id: int
    kind: str  # PXLX
    school: str
    start: date
    end: date
    certificate: bool


@dataclass(slots=True, eq=False)
class Household:
    number: str  # HBH
    village: Village
    running: int
    account: str
    phone: str
    status: str  # TPZT at creation
    lifted_year: int | None
    created: date
    seconds: int
    changes: list[tuple[int, str, date, int]] = field(default_factory=list)  # (month, TPZT, day, seconds)
    members: list[Person] = field(default_factory=list)
    protected: bool = False


@dataclass(slots=True, eq=False)
class Person:
    serial: int  # PKHCY.ID
    household: Household
    relation: str
    name: str
    family_length: int
    male: bool
    birth: date
    disability: str
    school: str  # ZXS
    labor: str  # LDJN at registration
    willing: str | None
    old_area: bool = False
    created: date = date(2016, 1, 1)
    seconds: int = 0
    citizen_id: str = ""
    registry_id: str = ""  # the form the poverty office keeps (18 characters or the 15-digit legacy)
    hr_name: str = ""
    hr_tracked: bool = False
    skill: str | None = None
    ages_out: int | None = None  # month the registry records the person as 弱劳动力 (turned 61)
    own_account: str | None = None
    plant: Plant | None = None
    protected: bool = False

    @property
    def laborer(self) -> bool:
        return self.labor in LABOR_FORCE


@dataclass(slots=True, eq=False)
class Labor:
    """A laborer's working life, advanced month by month."""

    person: Person
    kind: Kind
    employer: Employer | None = None
    workshop: Workshop | None = None
    place: str | None = None
    firm: str | None = None
    income: int = 0
    since: int = -99  # month the current job began
    phase: int = 0  # 1, 2: the months after coming home
    laid_off: bool = False
    pinned: bool = False  # planted: no random events
    placements: list[Placement] = field(default_factory=list)
    trainings: list[Training] = field(default_factory=list)
    # this month's outcome
    status: Kind = Kind.IDLE
    earned: float | None = None
    returned: bool = False
    job_from: int = -99  # month the present employment began (for hiring and job-seeking subsidies)

    def active_posts(self, month: int) -> list[Placement]:
        """Placements active in the month: started by its last day and not ended before its first."""
        first, last = periods.first_day(month), periods.day(month, 31)
        return [p for p in self.placements if p.start <= last and (p.end is None or p.end >= first)]

    def post_subsidy(self, month: int) -> int:
        return sum(p.subsidy for p in self.active_posts(month))
