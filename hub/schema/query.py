"""The root Query: lookups by natural key, node(id), the lists with their filters, statistics, caliber."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any

import strawberry
from strawberry import Info

from graph.caliber import Invalid, credit_code
from hub.auth.policy import missing_scope
from hub.resolvers.access_log import AccessLogFilter
from hub.resolvers.employment import (
    EMPLOYMENT_IN_MONTH,
    FOLLOWUP_BY_ID,
    RETURN_EVENT_BY_KEY,
    EmploymentFilter,
    FollowUpFilter,
    ReturnEventFilter,
)
from hub.resolvers.errors import Forbidden, QueryError
from hub.resolvers.findings import FINDING_BY_ID, FindingFilter
from hub.resolvers.households import HOUSEHOLD_BY_NO, HouseholdFilter
from hub.resolvers.loaders import Relation
from hub.resolvers.organisations import (
    EMPLOYER_BY_CODE,
    PLACEMENT_BY_ID,
    POSTING_BY_ID,
    TRAINING_BY_ID,
    WAGE_IN_FORCE,
    WORKSHOP_BY_CODE,
    EmployerFilter,
    PlacementFilter,
    PostingFilter,
    TrainingFilter,
    WageFilter,
    WorkshopFilter,
)
from hub.resolvers.payments import PAYMENT_BY_VOUCHER, PaymentFilter
from hub.resolvers.people import PERSON_BY_ID, LaborerFilter
from hub.resolvers.quality import ConflictFilter, QuarantineFilter
from hub.resolvers.regions import REGION_BY_CODE, RegionFilter
from hub.schema.connection import Connection
from hub.schema.context import load_one
from hub.schema.enums import (
    Department,
    EmployerType,
    EmploymentStatus,
    HouseholdStatus,
    LaborCategory,
    PaymentStatus,
    QuarantineFault,
    RegionLevel,
    SkillLevel,
    SubsidyType,
    TrainingType,
    Willingness,
    WorkshopStatus,
    code,
    codes,
)
from hub.schema.finding_enums import FindingSeverity, FindingStatus, RuleCode
from hub.schema.lists import listing
from hub.schema.node import Node, parse_global_id
from hub.schema.scalars import CitizenId, Period
from hub.schema.types.access import AccessLogEntry
from hub.schema.types.caliber import Caliber, caliber
from hub.schema.types.clients import Client, all_clients
from hub.schema.types.employment import Employment, FollowUp, ReturnEvent
from hub.schema.types.finding import Finding
from hub.schema.types.household import Household
from hub.schema.types.laborer import Laborer
from hub.schema.types.organisations import Employer, JobPosting, MinimumWage, PublicWelfarePost, Training, Workshop
from hub.schema.types.payment import Payment
from hub.schema.types.quality import Conflict, QuarantineEntry
from hub.schema.types.region import Region, RegionStats, stats_of

First = Annotated[int | None, strawberry.argument(description="Page size (default 20, at most the page cap).")]
After = Annotated[str | None, strawberry.argument(description="Continue after this cursor (pageInfo.endCursor).")]
RegionCode = Annotated[
    str | None, strawberry.argument(description="Division-code prefix: 36 (province) … 12 digits (a village).")
]

#: Types a global ID may name: the relation that fetches one by key, and how many parts the key has.
NODES: dict[str, tuple[Relation, int, type[Any]]] = {
    "Region": (REGION_BY_CODE, 1, str),
    "Household": (HOUSEHOLD_BY_NO, 1, str),
    "Laborer": (PERSON_BY_ID, 1, str),
    "Employer": (EMPLOYER_BY_CODE, 1, str),
    "Workshop": (WORKSHOP_BY_CODE, 1, str),
    "Payment": (PAYMENT_BY_VOUCHER, 1, str),
    "Employment": (EMPLOYMENT_IN_MONTH, 2, str),
    "ReturnEvent": (RETURN_EVENT_BY_KEY, 2, str),
    "FollowUp": (FOLLOWUP_BY_ID, 1, int),
    "JobPosting": (POSTING_BY_ID, 1, int),
    "PublicWelfarePost": (PLACEMENT_BY_ID, 1, int),
    "Training": (TRAINING_BY_ID, 1, int),
    "Finding": (FINDING_BY_ID, 1, int),
}


def region_argument(value: str | None, argument: str = "regionCode") -> str | None:
    if value is not None and not (value.isascii() and value.isdigit() and 1 <= len(value) <= 12):
        raise QueryError(argument, value, "a division code or its prefix: 1 to 12 digits, such as 360732")
    return value


def credit_code_argument(value: str, argument: str) -> str:
    try:
        return credit_code(value)
    except Invalid as error:
        raise QueryError(argument, value, f"a valid unified social credit code ({error.reason})") from None


async def _node(info: Info, value: strawberry.ID) -> Any:
    type_name, rest = parse_global_id(value)
    known = NODES.get(type_name)
    if known is None:
        raise QueryError("id", value, f"the global ID of one of {', '.join(sorted(NODES))}")
    missing = missing_scope(info.context.viewer, type_name)
    if missing is not None:
        raise Forbidden(f"node {value!r} (a {type_name})", missing, info.context.viewer.name)
    relation, parts, kind = known
    key_parts = rest.split(":", parts - 1) if parts > 1 else [rest]
    if len(key_parts) != parts or (kind is int and not key_parts[0].isdigit()):
        raise QueryError("id", value, f"a {type_name} global ID as its id field returns it")
    key = tuple(key_parts) if parts > 1 else kind(key_parts[0])
    return await load_one(info, relation, key, type_name)


@strawberry.type(description="The client making the request, as the hub knows it.")
class Viewer:
    name: str
    scopes: list[str]
    region_prefix: str = strawberry.field(description="The region scope: every answer lies under it ('' = all).")


@strawberry.type(description="The unified graph of Jiangxi's employment-based poverty alleviation.")
class Query:
    @strawberry.field(description="Any object by its global ID.")
    async def node(self, info: Info, id: strawberry.ID) -> Node | None:
        return await _node(info, id)

    @strawberry.field(description="Objects by global ID, in the order asked (null where none).")
    def nodes(self, info: Info, ids: list[strawberry.ID]) -> list[Node | None]:
        # One awaitable per item: graphql-core awaits them together (the loaders batch) and a failing item
        # (a bad or forbidden ID) is null with its own error instead of failing the whole list.
        return [_node(info, value) for value in ids]  # type: ignore[misc]

    @strawberry.field(description="The client making this request.")
    def viewer(self, info: Info) -> Viewer:
        viewer = info.context.viewer
        return Viewer(name=viewer.name, scopes=sorted(viewer.scopes), region_prefix=viewer.region_prefix)

    # --- lookups by natural key -----------------------------------------------------------------

    @strawberry.field(description="A division by code.")
    async def region(self, info: Info, code: str) -> Region | None:
        return await load_one(info, REGION_BY_CODE, region_argument(code, "code"), "Region")

    @strawberry.field(description="A registered household by household number (户编号).")
    async def household(self, info: Info, household_no: str) -> Household | None:
        return await load_one(info, HOUSEHOLD_BY_NO, household_no.strip(), "Household")

    @strawberry.field(description="A person by citizen ID, in any spelling the caliber accepts (15 digits too).")
    async def laborer(self, info: Info, citizen_id: CitizenId) -> Laborer | None:
        return await load_one(info, PERSON_BY_ID, citizen_id, "Laborer")

    @strawberry.field(description="An employer by unified social credit code.")
    async def employer(self, info: Info, credit_code: str) -> Employer | None:
        return await load_one(info, EMPLOYER_BY_CODE, credit_code_argument(credit_code, "creditCode"), "Employer")

    @strawberry.field(description="A workshop by its registry code.")
    async def workshop(self, info: Info, code: str) -> Workshop | None:
        return await load_one(info, WORKSHOP_BY_CODE, code.strip(), "Workshop")

    @strawberry.field(description="A payment voucher by number.")
    async def payment(self, info: Info, voucher: str) -> Payment | None:
        return await load_one(info, PAYMENT_BY_VOUCHER, voucher.strip(), "Payment")

    @strawberry.field(description="The minimum wage in force in a county in a month (latest effective by its 1st).")
    async def minimum_wage(self, info: Info, county_code: str, period: Period) -> MinimumWage | None:
        county = region_argument(county_code, "countyCode")
        return await load_one(info, WAGE_IN_FORCE, (county, period), "MinimumWage")

    # --- lists ------------------------------------------------------------------------------------

    @strawberry.field(description="Divisions, by code; filter by level or parent.")
    def regions(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        level: RegionLevel | None = None,
        parent_code: str | None = None,
    ) -> Connection[Region]:
        filters = RegionFilter(level=None if level is None else code(level), parent_code=parent_code)
        return listing(info, "Region", filters, first, after)

    @strawberry.field(description="Registered households, by household number.")
    def households(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        region_code: RegionCode = None,
        status: list[HouseholdStatus] | None = None,
        monitored: Annotated[bool | None, strawberry.argument(description="Monitored households (监测户).")] = None,
        zero_employment_in: Annotated[
            Period | None, strawberry.argument(description="Only zero-employment households (零就业家庭) that month.")
        ] = None,
    ) -> Connection[Household]:
        filters = HouseholdFilter(
            region_code=region_argument(region_code),
            status=codes(status),
            monitored=monitored,
            zero_employment_in=zero_employment_in,
        )
        return listing(info, "Household", filters, first, after)

    @strawberry.field(
        description="Laborers (registered members whose labor category is not NONE; name NONE in laborCategory to "
        "include them), by citizen ID. Month filters (employmentStatus, employed, statusKnown, returned, "
        "followedUp) need period."
    )
    def laborers(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        region_code: RegionCode = None,
        labor_category: list[LaborCategory] | None = None,
        household_status: list[HouseholdStatus] | None = None,
        willingness: list[Willingness] | None = None,
        student: bool | None = None,
        period: Period | None = None,
        employment_status: list[EmploymentStatus] | None = None,
        employed: Annotated[bool | None, strawberry.argument(description="Employed (就业务工) in the month.")] = None,
        status_known: Annotated[
            bool | None, strawberry.argument(description="Has a unified status for the month.")
        ] = None,
        returned: Annotated[bool | None, strawberry.argument(description="Returned home (返乡) in the month.")] = None,
        followed_up: Annotated[bool | None, strawberry.argument(description="Visited in the month.")] = None,
    ) -> Connection[Laborer]:
        filters = LaborerFilter(
            region_code=region_argument(region_code),
            labor_category=codes(labor_category),
            household_status=codes(household_status),
            willingness=codes(willingness),
            student=student,
            period=period,
            employment_status=codes(employment_status),
            employed=employed,
            status_known=status_known,
            returned=returned,
            followed_up=followed_up,
        )
        return listing(info, "Laborer", filters, first, after)

    @strawberry.field(description="Unified employment of one month, by citizen ID.")
    def monthly_employment(
        self,
        info: Info,
        period: Period,
        first: First = None,
        after: After = None,
        region_code: RegionCode = None,
        status: list[EmploymentStatus] | None = None,
    ) -> Connection[Employment]:
        filters = EmploymentFilter(period=period, region_code=region_argument(region_code), status=codes(status))
        return listing(info, "Employment", filters, first, after)

    @strawberry.field(description="Employers, by credit code; regionCode matches their county.")
    def employers(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        region_code: RegionCode = None,
        employer_type: list[EmployerType] | None = None,
        in_industrial_park: bool | None = None,
    ) -> Connection[Employer]:
        filters = EmployerFilter(
            region_code=region_argument(region_code),
            employer_type=codes(employer_type),
            in_industrial_park=in_industrial_park,
        )
        return listing(info, "Employer", filters, first, after)

    @strawberry.field(description="Workshops, by code.")
    def workshops(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        region_code: RegionCode = None,
        status: list[WorkshopStatus] | None = None,
    ) -> Connection[Workshop]:
        filters = WorkshopFilter(region_code=region_argument(region_code), status=codes(status))
        return listing(info, "Workshop", filters, first, after)

    @strawberry.field(description="Job postings; openOn: open that day.")
    def job_postings(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        region_code: RegionCode = None,
        open_on: date | None = None,
        skill_required: list[SkillLevel] | None = None,
    ) -> Connection[JobPosting]:
        filters = PostingFilter(
            region_code=region_argument(region_code), open_on=open_on, skill_required=codes(skill_required)
        )
        return listing(info, "JobPosting", filters, first, after)

    @strawberry.field(description="Public-welfare-post placements; activeIn: active that month.")
    def public_welfare_posts(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        region_code: RegionCode = None,
        active_in: Period | None = None,
    ) -> Connection[PublicWelfarePost]:
        filters = PlacementFilter(region_code=region_argument(region_code), active_in=active_in)
        return listing(info, "PublicWelfarePost", filters, first, after)

    @strawberry.field(description="Trainings.")
    def trainings(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        region_code: RegionCode = None,
        training_type: list[TrainingType] | None = None,
        certified: bool | None = None,
    ) -> Connection[Training]:
        filters = TrainingFilter(
            region_code=region_argument(region_code), training_type=codes(training_type), certified=certified
        )
        return listing(info, "Training", filters, first, after)

    @strawberry.field(description="Minimum wage standards, by county and effective date.")
    def minimum_wages(
        self, info: Info, first: First = None, after: After = None, region_code: RegionCode = None
    ) -> Connection[MinimumWage]:
        return listing(info, "MinimumWage", WageFilter(region_code=region_argument(region_code)), first, after)

    @strawberry.field(description="Follow-up visits, in entry order.")
    def follow_ups(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        region_code: RegionCode = None,
        period: Period | None = None,
        source: list[Department] | None = None,
        status: list[EmploymentStatus] | None = None,
        returned: bool | None = None,
    ) -> Connection[FollowUp]:
        filters = FollowUpFilter(
            region_code=region_argument(region_code),
            period=period,
            source=codes(source),
            status=codes(status),
            returned=returned,
        )
        return listing(info, "FollowUp", filters, first, after)

    @strawberry.field(description="Return-home events (返乡), by citizen ID and month.")
    def return_events(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        region_code: RegionCode = None,
        period: Period | None = None,
    ) -> Connection[ReturnEvent]:
        filters = ReturnEventFilter(region_code=region_argument(region_code), period=period)
        return listing(info, "ReturnEvent", filters, first, after)

    @strawberry.field(
        description="Subsidy vouchers, by voucher number; period is the covered month. A payment lies in its "
        "beneficiary's village when a registered member benefits, else in the paying county."
    )
    def payments(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        region_code: RegionCode = None,
        subsidy_type: list[SubsidyType] | None = None,
        period: Period | None = None,
        status: list[PaymentStatus] | None = None,
        effective: Annotated[bool | None, strawberry.argument(description="PAID and not reversed.")] = None,
        reversed: Annotated[bool | None, strawberry.argument(description="Cancelled by a reversal.")] = None,
        beneficiary_citizen_id: CitizenId | None = None,
        payee_credit_code: str | None = None,
    ) -> Connection[Payment]:
        filters = PaymentFilter(
            region_code=region_argument(region_code),
            subsidy_type=codes(subsidy_type),
            period=period,
            status=codes(status),
            effective=effective,
            reversed=reversed,
            beneficiary_citizen_id=beneficiary_citizen_id,
            payee_credit_code=None
            if payee_credit_code is None
            else credit_code_argument(payee_credit_code, "payeeCreditCode"),
        )
        return listing(info, "Payment", filters, first, after)

    @strawberry.field(description="Conflicts between departments (every statement kept).")
    def conflicts(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        region_code: RegionCode = None,
        subject_type: str | None = None,
        element: str | None = None,
        period: Period | None = None,
    ) -> Connection[Conflict]:
        filters = ConflictFilter(
            region_code=region_argument(region_code),
            subject_type=subject_type,
            element=element,
            period=period,
        )
        return listing(info, "Conflict", filters, first, after)

    @strawberry.field(
        description="Source rows refused by the caliber, with the reason (none for a region-scoped client)."
    )
    def quarantine(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        source: list[Department] | None = None,
        table: str | None = None,
        fault: list[QuarantineFault] | None = None,
        element: str | None = None,
    ) -> Connection[QuarantineEntry]:
        filters = QuarantineFilter(source=codes(source), table=table, fault=codes(fault), element=element)
        return listing(info, "QuarantineEntry", filters, first, after)

    @strawberry.field(description="Every departmental client, its scopes and key history (needs clients:admin).")
    def clients(self, info: Info) -> list[Client]:
        return all_clients(info)

    @strawberry.field(
        description="Who read this person's data, when and by which operation (the data tracker), oldest first. "
        "Needs audit:read and pii:read."
    )
    def access_log(
        self,
        info: Info,
        citizen_id: CitizenId,
        first: First = None,
        after: After = None,
        client: str | None = None,
        since: datetime | None = None,
    ) -> Connection[AccessLogEntry]:
        filters = AccessLogFilter(citizen_id=citizen_id, client=client, since=since)
        return listing(info, "AccessLogEntry", filters, first, after)

    @strawberry.field(
        description="Findings of the monitoring and reconciliation rules (RULES.md), oldest first. regionCode "
        "matches where a finding lies (its village, or the county for payments and county figures); period "
        "is its month (whole-store rules have none)."
    )
    def findings(
        self,
        info: Info,
        first: First = None,
        after: After = None,
        rule: list[RuleCode] | None = None,
        region_code: RegionCode = None,
        period: Period | None = None,
        status: list[FindingStatus] | None = None,
        severity: list[FindingSeverity] | None = None,
    ) -> Connection[Finding]:
        filters = FindingFilter(
            rule=codes(rule),
            region_code=region_argument(region_code),
            period=period,
            status=codes(status),
            severity=codes(severity),
        )
        return listing(info, "Finding", filters, first, after)

    # --- statistics and the caliber --------------------------------------------------------------

    @strawberry.field(description="A region's month in numbers; every figure matches the lists' totalCount.")
    def region_stats(self, info: Info, code: str, period: Period) -> RegionStats:
        return stats_of(info, region_argument(code, "code") or code, period)

    @strawberry.field(description="The caliber registry: elements, code lists, department mappings, definitions.")
    def caliber(self) -> Caliber:
        return caliber()
