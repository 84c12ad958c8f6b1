"""Employers, workshops, job postings, public-welfare-post placements, trainings, minimum wages."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Annotated, ClassVar

import strawberry
from strawberry import Info

from graph.caliber import Period as Month
from hub.resolvers.employment import EMPLOYEES
from hub.resolvers.organisations import EMPLOYER_BY_CODE, POSTINGS_OF_EMPLOYER, WORKSHOPS_OF_OPERATOR
from hub.resolvers.payments import PAYMENTS_TO_ORGANISATION
from hub.resolvers.people import PERSON_BY_ID
from hub.resolvers.regions import REGION_BY_CODE
from hub.schema.context import load_many, load_one
from hub.schema.enums import EmployerType, MinimumWageTier, SkillLevel, SubsidyType, TrainingType, WorkshopStatus, codes
from hub.schema.node import Node
from hub.schema.rows import object_type
from hub.schema.scalars import CitizenId, Money, Period
from hub.schema.types.quality import Sourced

if TYPE_CHECKING:
    from hub.schema.types.employment import Employment
    from hub.schema.types.laborer import Laborer
    from hub.schema.types.payment import Payment
    from hub.schema.types.region import Region


LaborerRef = Annotated["Laborer", strawberry.lazy("hub.schema.types.laborer")]
EmploymentRef = Annotated["Employment", strawberry.lazy("hub.schema.types.employment")]
PaymentRef = Annotated["Payment", strawberry.lazy("hub.schema.types.payment")]
RegionRef = Annotated["Region", strawberry.lazy("hub.schema.types.region")]


@object_type
@strawberry.type(description="An employer (用人单位) by unified social credit code, as HR registers it.")
class Employer(Sourced, Node):
    credit_code: str = strawberry.field(description="统一社会信用代码 (GB 32100-2015).")
    name: str
    employer_type: EmployerType
    county_code: str | None
    in_industrial_park: bool | None = strawberry.field(description="园区企业: located in an industrial park.")

    def node_key(self) -> tuple[object, ...]:
        return (self.credit_code,)

    @strawberry.field(description="The employer's county.")
    async def county(self, info: Info) -> RegionRef | None:
        return await load_one(info, REGION_BY_CODE, self.county_code, "Region")

    @strawberry.field(description="Who it employed in the month (unified employment naming it), by citizen ID.")
    async def employees(self, info: Info, period: Period) -> list[EmploymentRef]:
        return await load_many(info, EMPLOYEES, (self.credit_code, period), "Employment")

    @strawberry.field(description="Its job postings, oldest first.")
    async def postings(self, info: Info) -> list[JobPosting]:
        return await load_many(info, POSTINGS_OF_EMPLOYER, self.credit_code, "JobPosting")

    @strawberry.field(description="Subsidies paid to it (hiring, workshop), optionally of one month and types.")
    async def payments(
        self, info: Info, period: Period | None = None, subsidy_type: list[SubsidyType] | None = None
    ) -> list[PaymentRef]:
        key = (self.credit_code, period, codes(subsidy_type))
        return await load_many(info, PAYMENTS_TO_ORGANISATION, key, "Payment")

    @strawberry.field(description="Workshops it operates.")
    async def workshops(self, info: Info) -> list[Workshop]:
        return await load_many(info, WORKSHOPS_OF_OPERATOR, self.credit_code, "Workshop")


@object_type
@strawberry.type(description="A poverty-alleviation workshop (扶贫车间) as the registry recognises it.")
class Workshop(Sourced, Node):
    code: str
    name: str
    village_code: str
    operator_credit_code: str | None
    recognized_on: date | None = strawberry.field(description="The date it was recognised as a workshop.")
    status: WorkshopStatus

    def node_key(self) -> tuple[object, ...]:
        return (self.code,)

    @strawberry.field(description="The workshop's village.")
    async def village(self, info: Info) -> RegionRef | None:
        return await load_one(info, REGION_BY_CODE, self.village_code, "Region")

    @strawberry.field(description="The operating organisation, when HR registers it as an employer.")
    async def operator(self, info: Info) -> Employer | None:
        return await load_one(info, EMPLOYER_BY_CODE, self.operator_credit_code, "Employer")

    @strawberry.field(description="Who the operator employed in the month (unified employment naming it).")
    async def laborers(self, info: Info, period: Period) -> list[EmploymentRef]:
        return await load_many(info, EMPLOYEES, (self.operator_credit_code, period), "Employment")


@object_type
@strawberry.type(description="A job posting (岗位信息) published through HR.")
class JobPosting(Sourced, Node):
    row_id: strawberry.Private[int]
    ROW_COLUMNS: ClassVar[dict[str, str]] = {"row_id": "id"}
    credit_code: str
    title: str
    openings: int
    wage_min: Money | None
    wage_max: Money | None
    county_code: str | None
    skill_required: SkillLevel | None
    published_on: date
    valid_until: date | None

    def node_key(self) -> tuple[object, ...]:
        return (self.row_id,)

    @strawberry.field(description="The employer posting it.")
    async def employer(self, info: Info) -> Employer | None:
        return await load_one(info, EMPLOYER_BY_CODE, self.credit_code, "Employer")

    @strawberry.field(description="Open on the day: published by then and not expired.")
    def open_on(self, day: date) -> bool:
        return self.published_on <= day and (self.valid_until is None or self.valid_until >= day)


@object_type
@strawberry.type(description="A placement in a public-welfare post (公益性岗位), paid a monthly subsidy.")
class PublicWelfarePost(Sourced, Node):
    row_id: strawberry.Private[int]
    ROW_COLUMNS: ClassVar[dict[str, str]] = {"row_id": "id"}
    citizen_id: CitizenId
    post_name: str
    village_code: str
    start_date: date
    end_date: date | None
    monthly_subsidy: Money

    def node_key(self) -> tuple[object, ...]:
        return (self.row_id,)

    @strawberry.field(description="The person placed.")
    async def laborer(self, info: Info) -> LaborerRef | None:
        return await load_one(info, PERSON_BY_ID, self.citizen_id, "Laborer")

    @strawberry.field(description="The post's village.")
    async def village(self, info: Info) -> RegionRef | None:
        return await load_one(info, REGION_BY_CODE, self.village_code, "Region")

    @strawberry.field(description="Active in the month: started by its last day, not ended before its first.")
    def active_in(self, period: Period) -> bool:
        month = Month.parse(period)
        return self.start_date <= month.last_day and (self.end_date is None or self.end_date >= month.first_day)


@object_type
@strawberry.type(description="A training (培训) a person attended.")
class Training(Sourced, Node):
    row_id: strawberry.Private[int]
    ROW_COLUMNS: ClassVar[dict[str, str]] = {"row_id": "id"}
    citizen_id: CitizenId
    training_type: TrainingType
    institution: str | None
    start_date: date
    end_date: date | None
    certified: bool | None = strawberry.field(description="A certificate was awarded (合格证书).")

    def node_key(self) -> tuple[object, ...]:
        return (self.row_id,)

    @strawberry.field(description="The trainee.")
    async def laborer(self, info: Info) -> LaborerRef | None:
        return await load_one(info, PERSON_BY_ID, self.citizen_id, "Laborer")


@object_type
@strawberry.type(description="A county's monthly minimum wage standard (月最低工资标准) from its effective date.")
class MinimumWage(Sourced):
    county_code: str
    effective_from: date
    tier: MinimumWageTier
    monthly_amount: Money

    @strawberry.field(description="The county.")
    async def county(self, info: Info) -> RegionRef | None:
        return await load_one(info, REGION_BY_CODE, self.county_code, "Region")
