"""Registered households (建档立卡户): the registry's record, members, and monthly flags."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry import Info

from hub.resolvers.findings import FINDINGS_OF_HOUSEHOLD
from hub.resolvers.households import ZERO_EMPLOYMENT
from hub.resolvers.people import MEMBERS, PERSON_BY_ID
from hub.resolvers.quality import CONFLICTS_OF
from hub.resolvers.regions import REGION_BY_CODE
from hub.schema.context import load_many, load_one
from hub.schema.enums import HouseholdStatus, codes
from hub.schema.finding_enums import FindingStatus
from hub.schema.node import Node
from hub.schema.rows import object_type
from hub.schema.scalars import BankAccount, CitizenId, Period, Phone
from hub.schema.types.quality import Conflict, Sourced

if TYPE_CHECKING:
    from hub.schema.types.finding import Finding
    from hub.schema.types.laborer import Laborer
    from hub.schema.types.region import Region


LaborerRef = Annotated["Laborer", strawberry.lazy("hub.schema.types.laborer")]
RegionRef = Annotated["Region", strawberry.lazy("hub.schema.types.region")]
FindingRef = Annotated["Finding", strawberry.lazy("hub.schema.types.finding")]


@object_type
@strawberry.type(description="A registered household (poverty office registry, authoritative).")
class Household(Sourced, Node):
    household_no: str = strawberry.field(description="户编号, the registry's household number.")
    village_code: str = strawberry.field(description="The 12-digit code of the household's village.")
    status: HouseholdStatus
    head_name: str | None = strawberry.field(description="The head of household's name.")
    head_citizen_id: CitizenId | None = strawberry.field(description="The head of household's citizen ID.")
    lifted_year: int | None = strawberry.field(description="The year the household was lifted out of poverty.")
    size: int | None = strawberry.field(description="Members as the registry counts them.")
    phone: Phone | None = strawberry.field(description="Contact phone.")
    bank_account: BankAccount | None = strawberry.field(description="The household's bank account for subsidies.")

    def node_key(self) -> tuple[object, ...]:
        return (self.household_no,)

    @strawberry.field(description="The household's village.")
    async def village(self, info: Info) -> RegionRef | None:
        return await load_one(info, REGION_BY_CODE, self.village_code, "Region")

    @strawberry.field(description="Every registered member, laborer or not, by citizen ID.")
    async def members(self, info: Info) -> list[LaborerRef]:
        return await load_many(info, MEMBERS, self.household_no, "Laborer")

    @strawberry.field(description="The head of household as a person, when registered.")
    async def head(self, info: Info) -> LaborerRef | None:
        return await load_one(info, PERSON_BY_ID, self.head_citizen_id, "Laborer")

    @strawberry.field(
        description="Whether the household is a zero-employment household (零就业家庭) in the month: a laborer "
        "aged 16–60, not a student, willing or undecided to work away, and no member employed."
    )
    async def zero_employment(self, info: Info, period: Period) -> bool:
        return bool(await info.context.loaders.load(ZERO_EMPLOYMENT, (self.household_no, period)))

    @strawberry.field(description="Where departments disagree about this household.")
    async def conflicts(self, info: Info) -> list[Conflict]:
        return await load_many(info, CONFLICTS_OF, ("household", self.household_no), "Conflict")

    @strawberry.field(
        description="Findings of the rules about this household or its members (RULES.md), oldest first; status "
        "filters them."
    )
    async def findings(self, info: Info, status: list[FindingStatus] | None = None) -> list[FindingRef]:
        return await load_many(info, FINDINGS_OF_HOUSEHOLD, (self.household_no, codes(status)), "Finding")
