"""People: registered household members (laborers or not) and people only other departments mention."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry import Info

from graph.caliber import Period as Month
from hub.resolvers.employment import EMPLOYMENT_HISTORY, EMPLOYMENT_IN_MONTH, FOLLOWUPS_OF, RETURNS_OF
from hub.resolvers.findings import FINDINGS_OF_PERSON
from hub.resolvers.households import HOUSEHOLD_BY_NO
from hub.resolvers.organisations import PLACEMENTS_OF, TRAININGS_OF
from hub.resolvers.payments import PAYMENTS_TO_BENEFICIARY
from hub.resolvers.people import NAME_SPELLINGS
from hub.resolvers.quality import CONFLICTS_OF
from hub.schema.context import load_many, load_one
from hub.schema.enums import (
    Department,
    Disability,
    EmploymentStatus,
    LaborCategory,
    RelationToHead,
    SchoolStatus,
    Sex,
    SkillLevel,
    SubsidyType,
    Willingness,
    codes,
)
from hub.schema.finding_enums import FindingStatus
from hub.schema.node import Node
from hub.schema.rows import object_type
from hub.schema.scalars import CitizenId, Money, Period
from hub.schema.types.quality import Conflict, Sourced

if TYPE_CHECKING:
    from hub.schema.types.employment import Employment, FollowUp, ReturnEvent
    from hub.schema.types.finding import Finding
    from hub.schema.types.household import Household
    from hub.schema.types.organisations import PublicWelfarePost, Training
    from hub.schema.types.payment import Payment


HouseholdRef = Annotated["Household", strawberry.lazy("hub.schema.types.household")]
EmploymentRef = Annotated["Employment", strawberry.lazy("hub.schema.types.employment")]
FollowUpRef = Annotated["FollowUp", strawberry.lazy("hub.schema.types.employment")]
ReturnEventRef = Annotated["ReturnEvent", strawberry.lazy("hub.schema.types.employment")]
PaymentRef = Annotated["Payment", strawberry.lazy("hub.schema.types.payment")]
PublicWelfarePostRef = Annotated["PublicWelfarePost", strawberry.lazy("hub.schema.types.organisations")]
TrainingRef = Annotated["Training", strawberry.lazy("hub.schema.types.organisations")]
FindingRef = Annotated["Finding", strawberry.lazy("hub.schema.types.finding")]


@strawberry.type(description="A spelling of the person's name one source used (张小明 / 张晓明): all are kept.")
class NameSpelling:
    name: str
    source: Department
    table: str
    key: str


@strawberry.type(description="Income of one month, with the status it goes with.")
class IncomePoint:
    period: Period
    status: EmploymentStatus
    income: Money | None


@object_type
@strawberry.type(
    description="A person known to the hub, by unified citizen ID: a registered household member (with the "
    "registry's labor category, willingness, disability and schooling) or someone only another department "
    "mentions (registered false). A laborer in the policy's sense is a member whose laborCategory is not NONE."
)
class Laborer(Sourced, Node):
    citizen_id: CitizenId
    name: str = strawberry.field(description="The unified name (registry first; see names for every spelling).")
    sex: Sex | None
    birth_date: date | None
    registered: bool = strawberry.field(description="A member of a registered household.")
    household_no: str | None
    relation: RelationToHead | None = strawberry.field(description="Relation to the head of household.")
    labor_category: LaborCategory | None
    disability: Disability | None
    school_status: SchoolStatus | None
    is_student: bool = strawberry.field(description="School status other than 非在校生.")
    willingness: Willingness | None = strawberry.field(description="外出意愿: willingness to work away.")
    skill_level: SkillLevel | None = strawberry.field(description="Vocational skill level (职业技能等级).")

    def node_key(self) -> tuple[object, ...]:
        return (self.citizen_id,)

    @strawberry.field(description="A laborer in the policy's sense: registered, labor category not NONE.")
    def is_laborer(self) -> bool:
        return self.registered and self.labor_category not in (None, "NONE")

    @strawberry.field(description="Age in whole years on the first day of the month (default: this month).")
    def age(self, period: Period | None = None) -> int | None:
        if self.birth_date is None:
            return None
        day = Month.parse(period).first_day if period else date.today().replace(day=1)
        born = self.birth_date
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day))

    @strawberry.field(description="The registered household, if any.")
    async def household(self, info: Info) -> HouseholdRef | None:
        return await load_one(info, HOUSEHOLD_BY_NO, self.household_no, "Household")

    @strawberry.field(description="Every spelling of the name the sources used.")
    async def names(self, info: Info) -> list[NameSpelling]:
        rows = await info.context.loaders.load(NAME_SPELLINGS, self.citizen_id)
        return [NameSpelling(name=r.name, source=r.source, table=r.source_table, key=r.source_key) for r in rows]

    @strawberry.field(description="The unified employment of one month (null: no department reported it).")
    async def employment(self, info: Info, period: Period) -> EmploymentRef | None:
        return await load_one(info, EMPLOYMENT_IN_MONTH, (self.citizen_id, period), "Employment")

    @strawberry.field(description="Unified employment month by month, oldest first; from/to inclusive, optional.")
    async def employment_history(
        self,
        info: Info,
        from_: Annotated[Period | None, strawberry.argument(name="from")] = None,
        to: Period | None = None,
    ) -> list[EmploymentRef]:
        return await load_many(info, EMPLOYMENT_HISTORY, (self.citizen_id, from_, to), "Employment")

    @strawberry.field(description="Monthly income with its status, oldest first (the history's incomes).")
    async def income_trend(
        self,
        info: Info,
        from_: Annotated[Period | None, strawberry.argument(name="from")] = None,
        to: Period | None = None,
    ) -> list[IncomePoint]:
        rows = await info.context.loaders.load(EMPLOYMENT_HISTORY, (self.citizen_id, from_, to))
        return [IncomePoint(period=r.period, status=r.status, income=r.income) for r in rows]

    @strawberry.field(description="Follow-up visits (poverty office and ledgers), of one month or all, in order.")
    async def follow_ups(self, info: Info, period: Period | None = None) -> list[FollowUpRef]:
        return await load_many(info, FOLLOWUPS_OF, (self.citizen_id, period), "FollowUp")

    @strawberry.field(description="Months in which a follow-up recorded a return home (返乡).")
    async def return_events(self, info: Info) -> list[ReturnEventRef]:
        return await load_many(info, RETURNS_OF, self.citizen_id, "ReturnEvent")

    @strawberry.field(
        description="Subsidy payments for this person as beneficiary (returned payments and reversals included; "
        "see effective), optionally of one covered month and some subsidy types."
    )
    async def payments(
        self, info: Info, period: Period | None = None, subsidy_type: list[SubsidyType] | None = None
    ) -> list[PaymentRef]:
        return await load_many(info, PAYMENTS_TO_BENEFICIARY, (self.citizen_id, period, codes(subsidy_type)), "Payment")

    @strawberry.field(description="Public-welfare-post placements (公益性岗位), earliest first.")
    async def public_welfare_posts(self, info: Info) -> list[PublicWelfarePostRef]:
        return await load_many(info, PLACEMENTS_OF, self.citizen_id, "PublicWelfarePost")

    @strawberry.field(description="Trainings attended (skills: see skillLevel too), earliest first.")
    async def trainings(self, info: Info) -> list[TrainingRef]:
        return await load_many(info, TRAININGS_OF, self.citizen_id, "Training")

    @strawberry.field(description="Where departments disagree about this person (name, monthly status).")
    async def conflicts(self, info: Info) -> list[Conflict]:
        return await load_many(info, CONFLICTS_OF, ("person", self.citizen_id), "Conflict")

    @strawberry.field(
        description="Findings of the rules about this person (RULES.md), oldest first; status filters them."
    )
    async def findings(self, info: Info, status: list[FindingStatus] | None = None) -> list[FindingRef]:
        return await load_many(info, FINDINGS_OF_PERSON, (self.citizen_id, codes(status)), "Finding")
