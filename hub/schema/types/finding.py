"""Findings of the monitoring and reconciliation rules (RULES.md): what was found, why, and what to do.

A finding keeps its id while it holds across rule runs, so its global ID is stable; its evidence is the
rule's own JSON object (the same as ``hub reconcile``'s JSON lines), its measures a ranked list of
concrete offers. The people, households, payments and divisions it concerns are reached through the
same DataLoaders as everywhere else, so a page of findings costs one query per relation.
"""

from __future__ import annotations

import json
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Annotated, Any, ClassVar

import strawberry
from strawberry import Info
from strawberry.scalars import JSON

from graph.rules import rule_named
from hub.resolvers.households import HOUSEHOLD_BY_NO
from hub.resolvers.organisations import POSTING_BY_ID, WORKSHOP_BY_CODE
from hub.resolvers.payments import PAYMENT_BY_VOUCHER
from hub.resolvers.people import PERSON_BY_ID
from hub.resolvers.regions import REGION_BY_CODE
from hub.schema.context import load_one
from hub.schema.finding_enums import FindingSeverity, FindingStatus, MeasureKind, RuleCode, RuleKind
from hub.schema.node import Node
from hub.schema.rows import object_type
from hub.schema.scalars import CitizenId, Money, Period

if TYPE_CHECKING:
    from hub.schema.types.household import Household
    from hub.schema.types.laborer import Laborer
    from hub.schema.types.organisations import JobPosting, Workshop
    from hub.schema.types.payment import Payment
    from hub.schema.types.region import Region

LaborerRef = Annotated["Laborer", strawberry.lazy("hub.schema.types.laborer")]
HouseholdRef = Annotated["Household", strawberry.lazy("hub.schema.types.household")]
PaymentRef = Annotated["Payment", strawberry.lazy("hub.schema.types.payment")]
RegionRef = Annotated["Region", strawberry.lazy("hub.schema.types.region")]
JobPostingRef = Annotated["JobPosting", strawberry.lazy("hub.schema.types.organisations")]
WorkshopRef = Annotated["Workshop", strawberry.lazy("hub.schema.types.organisations")]


def _money(value: object) -> Decimal | None:
    return None if value is None else Decimal(str(value))


@strawberry.type(
    description="A suggested measure (六个增补, RULES.md): a concrete offer from the shared data for one laborer, "
    "ranked, with the reason a township worker can read out. Details the rule run did not record are null."
)
class SuggestedMeasure:
    rank: int = strawberry.field(description="1 is the best fit for this laborer.")
    kind: MeasureKind
    offer_id: str = strawberry.field(
        description="The offer: a job posting's id, a workshop's code, 'village:post name' for a public-welfare "
        "post, 'institution:training type' for training."
    )
    title: str = strawberry.field(description="The offer as a person names it (posting and employer, workshop …).")
    reason: str = strawberry.field(description="Why it fits: skill, distance, pay, openings (Chinese).")
    citizen_id: CitizenId | None = strawberry.field(description="The laborer it is suggested for.")
    distance: str | None = strawberry.field(
        description="How near the offer is: 同县, 本市外县, 省内外市 or 省外 for a posting; 本村 or 同乡镇 for a "
        "workshop or post; 本县, 本市 or 省内 for training."
    )
    region_code: str | None = strawberry.field(
        description="Where the offer is: the posting's county, the workshop's or post's village, the county "
        "where the institution trained people."
    )
    wage_min: Money | None = strawberry.field(description="A posting's lowest monthly wage.")
    wage_max: Money | None = strawberry.field(description="A posting's highest monthly wage.")
    monthly_subsidy: Money | None = strawberry.field(description="A public-welfare post's monthly subsidy.")

    @strawberry.field(description="The laborer it is suggested for.")
    async def laborer(self, info: Info) -> LaborerRef | None:
        return await load_one(info, PERSON_BY_ID, self.citizen_id, "Laborer")

    @strawberry.field(description="The job posting offered (kind JOB_POSTING).")
    async def job_posting(self, info: Info) -> JobPostingRef | None:
        if self.kind != "JOB_POSTING" or not self.offer_id.isdigit():
            return None
        return await load_one(info, POSTING_BY_ID, int(self.offer_id), "JobPosting")

    @strawberry.field(description="The workshop offered (kind WORKSHOP).")
    async def workshop(self, info: Info) -> WorkshopRef | None:
        if self.kind != "WORKSHOP":
            return None
        return await load_one(info, WORKSHOP_BY_CODE, self.offer_id, "Workshop")


def measure(stored: dict[str, Any], rank: int) -> SuggestedMeasure:
    """A measure as the rule run stored it (``graph.rules.measures``)."""
    return SuggestedMeasure(
        rank=int(stored.get("rank", rank)),
        kind=stored["kind"],
        offer_id=str(stored.get("id", "")),
        title=stored.get("title", ""),
        reason=stored.get("reason", ""),
        citizen_id=stored.get("for"),
        distance=stored.get("distance"),
        region_code=stored.get("region"),
        wage_min=_money(stored.get("wage_min")),
        wage_max=_money(stored.get("wage_max")),
        monthly_subsidy=_money(stored.get("monthly_subsidy")),
    )


@object_type
@strawberry.type(
    description="A rule's finding about one subject (RULES.md). It keeps its id while it holds across rule runs; "
    "a run that no longer finds it resolves it, and people acknowledge and resolve it (acknowledgeFinding, "
    "resolveFinding). Times are UTC."
)
class Finding(Node):
    row_id: strawberry.Private[int]
    subject_key: strawberry.Private[str]
    evidence_json: strawberry.Private[str]
    measures_json: strawberry.Private[str | None]
    resolved_run: strawberry.Private[int | None]
    ROW_COLUMNS: ClassVar[dict[str, str]] = {
        "row_id": "id",
        "evidence_json": "evidence",
        "measures_json": "measures",
    }
    rule: RuleCode
    severity: FindingSeverity
    status: FindingStatus
    period: Period | None = strawberry.field(
        description="The month it belongs to (null for whole-store rules and undated vouchers)."
    )
    citizen_id: CitizenId | None = strawberry.field(description="The person it concerns, if any.")
    household_no: str | None = strawberry.field(description="The household it concerns (a person's own, too).")
    voucher: str | None = strawberry.field(description="The payment voucher it concerns, if any.")
    region_code: str | None = strawberry.field(
        description="Where it lies: a village, or a county for payments and county figures. A region-scoped "
        "client sees the findings under its region only."
    )
    found_at: datetime = strawberry.field(description="When a rule run first found it.")
    updated_at: datetime = strawberry.field(description="When a run or a person last changed it.")
    acknowledged_at: datetime | None
    acknowledged_by: str | None = strawberry.field(description="The client that acknowledged it.")
    resolved_at: datetime | None
    resolved_by: str | None = strawberry.field(
        description="The client that resolved it (null when a rule run resolved it: see resolvedByRun)."
    )
    measure_taken: str | None = strawberry.field(description="The measure taken, as the resolver wrote it.")
    note: str | None

    def node_key(self) -> tuple[object, ...]:
        return (self.row_id,)

    @strawberry.field(description="The rule's Chinese name (规则名称).")
    def rule_name(self) -> str:
        return rule_named(self.rule).zh

    @strawberry.field(description="Monitoring (one department against the policy) or reconciliation.")
    def rule_kind(self) -> RuleKind:
        return rule_named(self.rule).kind

    @strawberry.field(description="An alert: the rule suggests measures (六个增补).")
    def alert(self) -> bool:
        return rule_named(self.rule).alert

    @strawberry.field(
        description="The subject exactly as RULES.md's output names it: the rule's subject keys (citizen_id, "
        "household, village, county, voucher, account, period) and their values. Identifiers in it (citizen IDs, "
        "accounts) are masked unless the client holds pii:read."
    )
    def subject(self) -> JSON:
        return rule_named(self.rule).subject(self.subject_key)

    @strawberry.field(
        description="The rule's evidence, as RULES.md's output object has it (keys depend on the rule). Identifiers "
        "in it are masked unless the client holds pii:read."
    )
    def evidence(self) -> JSON:
        return json.loads(self.evidence_json)

    @strawberry.field(description="Suggested measures, best first (alerts only; empty when nothing fits).")
    def measures(self) -> list[SuggestedMeasure]:
        stored = json.loads(self.measures_json) if self.measures_json else []
        return [measure(item, rank) for rank, item in enumerate(stored, start=1)]

    @strawberry.field(description="RESOLVED because a rule run no longer found it (not by a person).")
    def resolved_by_run(self) -> bool:
        return self.resolved_run is not None

    @strawberry.field(description="The person it concerns.")
    async def laborer(self, info: Info) -> LaborerRef | None:
        return await load_one(info, PERSON_BY_ID, self.citizen_id, "Laborer")

    @strawberry.field(description="The household it concerns (for a person: their household).")
    async def household(self, info: Info) -> HouseholdRef | None:
        return await load_one(info, HOUSEHOLD_BY_NO, self.household_no, "Household")

    @strawberry.field(description="The payment voucher it concerns.")
    async def payment(self, info: Info) -> PaymentRef | None:
        return await load_one(info, PAYMENT_BY_VOUCHER, self.voucher, "Payment")

    @strawberry.field(description="The division it lies in.")
    async def region(self, info: Info) -> RegionRef | None:
        return await load_one(info, REGION_BY_CODE, self.region_code, "Region")


@strawberry.type(description="Findings of one rule still to be handled (OPEN or ACKNOWLEDGED).")
class RuleCount:
    rule: RuleCode
    findings: int

    @strawberry.field(description="The rule's Chinese name (规则名称).")
    def rule_name(self) -> str:
        return rule_named(self.rule).zh
