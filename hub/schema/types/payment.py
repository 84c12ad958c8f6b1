"""Subsidy payments as finance recorded them: payments, returned payments and reversals."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry import Info

from hub.resolvers.findings import FINDINGS_OF_PAYMENT
from hub.resolvers.organisations import EMPLOYER_BY_CODE
from hub.resolvers.payments import PAYMENT_BY_VOUCHER
from hub.resolvers.people import PERSON_BY_ID
from hub.resolvers.regions import REGION_BY_CODE
from hub.schema.context import load_many, load_one
from hub.schema.enums import FundSource, PaymentStatus, SubsidyType, codes
from hub.schema.finding_enums import FindingStatus
from hub.schema.node import Node
from hub.schema.rows import object_type
from hub.schema.scalars import BankAccount, CitizenId, Money, Period
from hub.schema.types.quality import Sourced

if TYPE_CHECKING:
    from hub.schema.types.finding import Finding
    from hub.schema.types.laborer import Laborer
    from hub.schema.types.organisations import Employer
    from hub.schema.types.region import Region


LaborerRef = Annotated["Laborer", strawberry.lazy("hub.schema.types.laborer")]
EmployerRef = Annotated["Employer", strawberry.lazy("hub.schema.types.organisations")]
RegionRef = Annotated["Region", strawberry.lazy("hub.schema.types.region")]
FindingRef = Annotated["Finding", strawberry.lazy("hub.schema.types.finding")]


@object_type
@strawberry.type(
    description="A subsidy voucher. Effective (counts as paid) only when PAID and no reversal cancels it; a "
    "RETURNED payment was never received, a REVERSAL cancels the voucher it names."
)
class Payment(Sourced, Node):
    voucher: str = strawberry.field(description="Finance's voucher number.")
    subsidy_type: SubsidyType
    amount: Money
    paid_on: date
    status: PaymentStatus
    covered_period: Period | None = strawberry.field(description="The month the subsidy is for.")
    payee_name: str | None
    payee_citizen_id: CitizenId | None = strawberry.field(description="The payee, when a person is paid.")
    account: BankAccount | None = strawberry.field(description="The receiving bank account.")
    payee_credit_code: str | None = strawberry.field(description="The payee, when an organisation is paid.")
    target_citizen_id: CitizenId | None = strawberry.field(
        description="The laborer an organisation is paid for (hiring, workshop subsidies)."
    )
    beneficiary_citizen_id: CitizenId | None = strawberry.field(
        description="Who the subsidy is for: the target when an organisation is paid, else the payee."
    )
    fund_source: FundSource | None
    county_code: str | None = strawberry.field(description="The paying county (XZQH).")
    reverses_voucher: str | None = strawberry.field(description="For a reversal: the voucher it cancels.")
    effective: bool = strawberry.field(description="PAID and not cancelled by a reversal.")
    reversed_by: str | None = strawberry.field(description="The reversal that cancelled this voucher, if any.")

    def node_key(self) -> tuple[object, ...]:
        return (self.voucher,)

    @strawberry.field(description="The person paid (null when an organisation is paid).")
    async def payee(self, info: Info) -> LaborerRef | None:
        return await load_one(info, PERSON_BY_ID, self.payee_citizen_id, "Laborer")

    @strawberry.field(description="The organisation paid (employer or workshop operator), when one is.")
    async def payee_employer(self, info: Info) -> EmployerRef | None:
        return await load_one(info, EMPLOYER_BY_CODE, self.payee_credit_code, "Employer")

    @strawberry.field(description="The laborer the subsidy is for.")
    async def beneficiary(self, info: Info) -> LaborerRef | None:
        return await load_one(info, PERSON_BY_ID, self.beneficiary_citizen_id, "Laborer")

    @strawberry.field(description="For a reversal: the payment it cancels.")
    async def reverses(self, info: Info) -> Payment | None:
        return await load_one(info, PAYMENT_BY_VOUCHER, self.reverses_voucher, "Payment")

    @strawberry.field(description="The reversal that cancelled this payment.")
    async def reversal(self, info: Info) -> Payment | None:
        return await load_one(info, PAYMENT_BY_VOUCHER, self.reversed_by, "Payment")

    @strawberry.field(description="The paying county.")
    async def county(self, info: Info) -> RegionRef | None:
        return await load_one(info, REGION_BY_CODE, self.county_code, "Region")

    @strawberry.field(
        description="Findings of the rules about this voucher (RULES.md), oldest first; status filters them."
    )
    async def findings(self, info: Info, status: list[FindingStatus] | None = None) -> list[FindingRef]:
        return await load_many(info, FINDINGS_OF_PAYMENT, (self.voucher, codes(status)), "Finding")
