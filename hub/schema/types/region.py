"""Regions (the division tree) and a region's month in numbers (``regionStats``)."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry import Info

from hub.resolvers.findings import FindingFilter, unhandled_by_rule
from hub.resolvers.households import HouseholdFilter
from hub.resolvers.people import LaborerFilter
from hub.resolvers.regions import CHILDREN, REGION_BY_CODE, path_codes
from hub.resolvers.stats import region_stats
from hub.schema.connection import Connection
from hub.schema.context import load_many, load_one
from hub.schema.enums import EmploymentStatus, HouseholdStatus, LaborCategory, RegionLevel, SubsidyType, codes
from hub.schema.finding_enums import FindingSeverity, FindingStatus, RuleCode
from hub.schema.lists import listing
from hub.schema.node import Node
from hub.schema.rows import build_all, object_type
from hub.schema.scalars import Money, Period
from hub.schema.types.finding import RuleCount

if TYPE_CHECKING:
    from hub.schema.types.finding import Finding
    from hub.schema.types.household import Household
    from hub.schema.types.laborer import Laborer


if TYPE_CHECKING:
    from hub.resolvers import stats

HouseholdRef = Annotated["Household", strawberry.lazy("hub.schema.types.household")]
LaborerRef = Annotated["Laborer", strawberry.lazy("hub.schema.types.laborer")]
FindingRef = Annotated["Finding", strawberry.lazy("hub.schema.types.finding")]


@object_type
@strawberry.type(description="A statistical division (区划): province, city, county, township or village.")
class Region(Node):
    code: str = strawberry.field(description="The division code: 2, 4, 6, 9 or 12 digits.")
    name: str | None = strawberry.field(description="Its name (a village has one when a source gave it).")
    level: RegionLevel
    parent_code: str | None

    def node_key(self) -> tuple[object, ...]:
        return (self.code,)

    @strawberry.field(description="The division one level up (null for the province).")
    async def parent(self, info: Info) -> Region | None:
        return await load_one(info, REGION_BY_CODE, self.parent_code, "Region")

    @strawberry.field(description="The divisions directly under this one, by code.")
    async def children(self, info: Info) -> list[Region]:
        return await load_many(info, CHILDREN, self.code, "Region")

    @strawberry.field(description="From the province down to this division itself.")
    async def path(self, info: Info) -> list[Region]:
        found = await info.context.loaders.loader(REGION_BY_CODE).load_many(path_codes(self.code))
        return build_all("Region", [row for row in found if row is not None])

    @strawberry.field(description="Registered households in this division (see the root households list).")
    def households(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        status: list[HouseholdStatus] | None = None,
        zero_employment_in: Period | None = None,
    ) -> Connection[HouseholdRef]:
        filters = HouseholdFilter(region_code=self.code, status=codes(status), zero_employment_in=zero_employment_in)
        return listing(info, "Household", filters, first, after)

    @strawberry.field(description="Laborers of this division's households (see the root laborers list).")
    def laborers(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        labor_category: list[LaborCategory] | None = None,
        period: Period | None = None,
        employment_status: list[EmploymentStatus] | None = None,
    ) -> Connection[LaborerRef]:
        filters = LaborerFilter(
            region_code=self.code,
            labor_category=codes(labor_category),
            period=period,
            employment_status=codes(employment_status),
        )
        return listing(info, "Laborer", filters, first, after)

    @strawberry.field(description="Findings of the rules lying in this division (see the root findings list).")
    def findings(
        self,
        info: Info,
        first: int | None = None,
        after: str | None = None,
        rule: list[RuleCode] | None = None,
        period: Period | None = None,
        status: list[FindingStatus] | None = None,
        severity: list[FindingSeverity] | None = None,
    ) -> Connection[FindingRef]:
        filters = FindingFilter(
            rule=codes(rule), region_code=self.code, period=period, status=codes(status), severity=codes(severity)
        )
        return listing(info, "Finding", filters, first, after)

    @strawberry.field(description="This division's month in numbers (same as regionStats(code, period)).")
    def stats(self, info: Info, period: Period) -> RegionStats:
        return stats_of(info, self.code, period)


@strawberry.type(description="Laborers with one employment status in the month.")
class StatusCount:
    status: EmploymentStatus
    laborers: int


@strawberry.type(
    description="Follow-up completeness, the policy's five clears (五清, 七.一), counted over the region's "
    "laborers in the month."
)
class FiveClears:
    laborers: int = strawberry.field(description="Laborers in the region (the base of every ratio).")
    headcount: int = strawberry.field(description="底数清: followed up in the month (poverty office or ledger).")
    labor_ability: int = strawberry.field(
        description="劳动能力清: labor category recorded and consistent with age and schooling at the month "
        "(no NORMAL/SKILLED laborer under 16, over 60 or a student)."
    )
    employment_status: int = strawberry.field(description="就业状态清: a unified employment status for the month.")
    employment_income: int = strawberry.field(
        description="就业收入清: status known, and income known unless the status is not employed."
    )
    willingness: int = strawberry.field(description="外出意愿清: willingness to work away recorded.")
    complete: int = strawberry.field(description="All five clear.")

    @strawberry.field(description="complete / laborers, 0 when there are no laborers.")
    def completeness(self) -> float:
        return self.complete / self.laborers if self.laborers else 0.0


@strawberry.type(description="Effective payments of one subsidy type covering the month.")
class SubsidyTotal:
    subsidy_type: SubsidyType
    payments: int
    amount: Money


@strawberry.type(
    description="A region's month in numbers. Every figure equals the totalCount of the list with the same "
    "filters (laborers, households, payments), so a figure can always be drilled into."
)
class RegionStats:
    code: str
    period: Period
    laborers: int = strawberry.field(description="Laborers (registered, labor category not NONE) in the region.")
    by_employment_status: list[StatusCount] = strawberry.field(
        description="Laborers by unified status in the month, every status listed (zero included)."
    )
    no_employment_record: int = strawberry.field(description="Laborers with no status for the month.")
    employed: int = strawberry.field(description="Laborers employed (就业务工: not UNEMPLOYED, not FARMING).")
    employed_year_earlier: int = strawberry.field(description="The same count for the month a year earlier.")
    zero_employment_households: int = strawberry.field(
        description="Zero-employment households (零就业家庭, RULES.md ZERO_EMPLOYMENT_HOUSEHOLD) in the month."
    )
    returnees: int = strawberry.field(description="Laborers with a return-home event (返乡) in the month.")
    follow_ups: FiveClears
    subsidies_paid: list[SubsidyTotal] = strawberry.field(
        description="Effective payments covering the month, by subsidy type (every type listed)."
    )

    @strawberry.field(description="The division itself.")
    async def region(self, info: Info) -> Region | None:
        return await load_one(info, REGION_BY_CODE, self.code, "Region")

    @strawberry.field(
        description="Findings of the month still to be handled (OPEN or ACKNOWLEDGED), by rule, every rule listed: "
        "each equals findings(regionCode, period, status: [OPEN, ACKNOWLEDGED], rule).totalCount. Whole-store "
        "rules (no period) count in no month."
    )
    def findings_by_rule(self, info: Info) -> list[RuleCount]:
        counts = unhandled_by_rule(info.context.reader, self.code, self.period)
        return [RuleCount(rule=rule, findings=n) for rule, n in counts.items()]

    @strawberry.field(description="All subsidy types together.")
    def subsidies_paid_total(self) -> Money:
        return sum((total.amount for total in self.subsidies_paid), Decimal("0.00"))  # type: ignore[return-value]


def stats_of(info: Info, code: str, period: str) -> RegionStats:
    figures: stats.RegionStats = region_stats(info.context.reader, code, period)
    clears = figures.five_clears
    return RegionStats(
        code=code,
        period=period,
        laborers=figures.laborers,
        by_employment_status=[StatusCount(status=s, laborers=n) for s, n in figures.by_status.items()],
        no_employment_record=figures.no_record,
        employed=figures.employed,
        employed_year_earlier=figures.employed_year_earlier,
        zero_employment_households=figures.zero_employment_households,
        returnees=figures.returnees,
        follow_ups=FiveClears(
            laborers=clears.laborers,
            headcount=clears.headcount,
            labor_ability=clears.labor_ability,
            employment_status=clears.employment_status,
            employment_income=clears.employment_income,
            willingness=clears.willingness,
            complete=clears.complete,
        ),
        subsidies_paid=[
            SubsidyTotal(subsidy_type=t.subsidy_type, payments=t.payments, amount=t.amount) for t in figures.subsidies
        ],
    )
