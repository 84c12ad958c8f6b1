"""Monthly facts: the unified employment of a month, follow-up visits, and return-home events."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Annotated, ClassVar

import strawberry
from strawberry import Info

from hub.resolvers.employment import RETURN_REPORTS, STATEMENT_UPDATED
from hub.resolvers.households import HOUSEHOLD_BY_NO
from hub.resolvers.organisations import EMPLOYER_BY_CODE
from hub.resolvers.people import PERSON_BY_ID
from hub.resolvers.regions import REGION_BY_CODE
from hub.schema.context import load_many, load_one
from hub.schema.enums import EmploymentStatus
from hub.schema.node import Node
from hub.schema.rows import object_type
from hub.schema.scalars import CitizenId, Money, Period
from hub.schema.types.quality import Provenance, Sourced

if TYPE_CHECKING:
    from hub.schema.types.household import Household
    from hub.schema.types.laborer import Laborer
    from hub.schema.types.organisations import Employer
    from hub.schema.types.region import Region


LaborerRef = Annotated["Laborer", strawberry.lazy("hub.schema.types.laborer")]
EmployerRef = Annotated["Employer", strawberry.lazy("hub.schema.types.organisations")]
HouseholdRef = Annotated["Household", strawberry.lazy("hub.schema.types.household")]
RegionRef = Annotated["Region", strawberry.lazy("hub.schema.types.region")]


@object_type
@strawberry.type(
    description="A person's unified employment in one month (就业状态, CALIBER.md): HR's report when HR reports "
    "the month, else the latest follow-up of the month; income comes from the same record."
)
class Employment(Node):
    citizen_id: CitizenId
    period: Period
    status: EmploymentStatus
    income: Money | None = strawberry.field(description="月收入: gross employment income of the month, yuan.")
    employer_credit_code: str | None
    employer_name: str | None = strawberry.field(description="The employer as the deciding record names it.")
    returned: bool = strawberry.field(description="The deciding record also recorded a return home (返乡).")
    source: strawberry.Private[str] = ""
    source_table: strawberry.Private[str] = ""
    source_key: strawberry.Private[str] = ""

    def node_key(self) -> tuple[object, ...]:
        return (self.citizen_id, self.period)

    @strawberry.field(description="The employed person.")
    async def laborer(self, info: Info) -> LaborerRef | None:
        return await load_one(info, PERSON_BY_ID, self.citizen_id, "Laborer")

    @strawberry.field(description="The employer, when the deciding record names one by credit code.")
    async def employer(self, info: Info) -> EmployerRef | None:
        return await load_one(info, EMPLOYER_BY_CODE, self.employer_credit_code, "Employer")

    @strawberry.field(description="The record the unified status was taken from.")
    async def provenance(self, info: Info) -> Provenance:
        key = (self.source, self.source_table, self.source_key)
        updated = await info.context.loaders.load(STATEMENT_UPDATED, key)
        return Provenance(source=self.source, table=self.source_table, key=self.source_key, source_updated_at=updated)


@object_type
@strawberry.type(description="A follow-up visit (回访): the poverty office's platform row or a village ledger row.")
class FollowUp(Sourced, Node):
    row_id: strawberry.Private[int]
    ROW_COLUMNS: ClassVar[dict[str, str]] = {"row_id": "id"}
    citizen_id: CitizenId
    period: Period
    visit_date: date = strawberry.field(description="回访日期 (the policy: by the 20th of the month).")
    entry_date: date | None = strawberry.field(description="录入日期 (the policy: by the 25th of the month).")
    status: EmploymentStatus
    returned: bool = strawberry.field(description="The visit recorded a return home (返乡).")
    income: Money | None
    other_income: Money | None
    location: str | None
    employer_name: str | None
    visitor: str | None
    remarks: str | None
    name: str | None = strawberry.field(description="The name as the visit recorded it.")
    household_no: str | None
    village_code: str | None

    def node_key(self) -> tuple[object, ...]:
        return (self.row_id,)

    @strawberry.field(description="The person visited.")
    async def laborer(self, info: Info) -> LaborerRef | None:
        return await load_one(info, PERSON_BY_ID, self.citizen_id, "Laborer")

    @strawberry.field(description="The household the visit names.")
    async def household(self, info: Info) -> HouseholdRef | None:
        return await load_one(info, HOUSEHOLD_BY_NO, self.household_no, "Household")

    @strawberry.field(description="The village the visit names (ledger rows).")
    async def village(self, info: Info) -> RegionRef | None:
        return await load_one(info, REGION_BY_CODE, self.village_code, "Region")


@object_type
@strawberry.type(description="A return home (返乡) in a month: an event any follow-up of the month may record.")
class ReturnEvent(Node):
    citizen_id: CitizenId
    period: Period

    def node_key(self) -> tuple[object, ...]:
        return (self.citizen_id, self.period)

    @strawberry.field(description="The person who returned.")
    async def laborer(self, info: Info) -> LaborerRef | None:
        return await load_one(info, PERSON_BY_ID, self.citizen_id, "Laborer")

    @strawberry.field(description="The follow-ups that recorded it.")
    async def reported_by(self, info: Info) -> list[FollowUp]:
        return await load_many(info, RETURN_REPORTS, (self.citizen_id, self.period), "FollowUp")
