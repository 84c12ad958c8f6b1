"""The root Mutation: what a client may change — a finding's status, and follow-up visits it records.

Each mutation answers with the object as it now is. Errors a client can fix name the argument (or the
input field) and say what was expected; a finding outside the client's region scope is reported exactly
as one that does not exist.
"""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry import Info

from graph.rules.actions import FindingNotFound, FindingStateError
from hub.resolvers import finding_actions
from hub.resolvers.errors import QueryError
from hub.resolvers.followup_input import TEXTS, FollowUpSubmission
from hub.resolvers.followups import submit_follow_up
from hub.schema.enums import EmploymentStatus, code
from hub.schema.node import parse_global_id
from hub.schema.rows import build
from hub.schema.scalars import CitizenId, Money, Period
from hub.schema.types.employment import FollowUp
from hub.schema.types.finding import Finding

FindingId = Annotated[strawberry.ID, strawberry.argument(description="The finding's id (its id field).")]
Note = Annotated[str | None, strawberry.argument(description="A note for the record (who, what was found).")]


@strawberry.input(
    description="One follow-up visit (回访) as a township system records it. Values are checked by the caliber "
    "exactly as a department's rows are (a bad value is refused naming its field; nothing is written). "
    "Submitting the same person, month and visit date again corrects that visit."
)
class FollowUpInput:
    citizen_id: CitizenId = strawberry.field(description="The person visited: a registered member in your region.")
    period: Period = strawberry.field(description="回访月份: the month the visit reports on.")
    visit_date: str = strawberry.field(
        description="回访日期, in any spelling the caliber accepts: 2024-05-18, 2024/5/18, 2024.05.18, "
        "20240518, 2024年5月18日."
    )
    status: EmploymentStatus = strawberry.field(description="就业状态 found at the visit, in the unified caliber.")
    returned: bool = strawberry.field(
        default=False, description="The person has returned home (返乡) this month: records a RETURNED event."
    )
    entry_date: str | None = strawberry.field(
        default=None, description="录入日期 (same spellings as visitDate); default: today in China."
    )
    income: Money | None = strawberry.field(default=None, description="月收入: monthly employment income, yuan.")
    other_income: Money | None = strawberry.field(default=None, description="家庭其他收入: other income, yuan.")
    location: str | None = strawberry.field(default=None, description="务工地点: where the person works.")
    employer_name: str | None = strawberry.field(default=None, description="务工单位: the employer's name.")
    visitor: str | None = strawberry.field(default=None, description="回访人: who visited.")
    remarks: str | None = strawberry.field(default=None, description="备注.")
    name: str | None = strawberry.field(default=None, description="The person's name as the visitor wrote it.")

    def submission(self) -> FollowUpSubmission:
        texts = {"location": self.location, "employerName": self.employer_name, "visitor": self.visitor}
        texts |= {"remarks": self.remarks, "name": self.name}
        return FollowUpSubmission(
            citizen_id=self.citizen_id,
            period=self.period,
            visit_date=self.visit_date,
            status=code(self.status),
            returned=self.returned,
            entry_date=self.entry_date,
            income=self.income,
            other_income=self.other_income,
            texts=tuple((field, texts[field]) for field in TEXTS),
        )


def _finding_id(value: str) -> int:
    type_name, key = parse_global_id(value, "id")
    if type_name != "Finding" or not key.isdigit():
        raise QueryError("id", value, "the id of a Finding, as its id field returns it")
    return int(key)


def _not_found(value: str) -> QueryError:
    return QueryError("id", value, "the id of an existing finding; there is no finding with this id")


@strawberry.type(description="Changes a client may make: handle findings, record follow-up visits.")
class Mutation:
    @strawberry.mutation(
        description="Acknowledge an OPEN finding: it is being handled (acknowledgedBy is your client). Rule runs "
        "keep it acknowledged while it still holds."
    )
    def acknowledge_finding(self, info: Info, id: FindingId, note: Note = None) -> Finding:
        finding = _finding_id(id)
        try:
            row = finding_actions.acknowledge(info.context, finding, note=note)
        except FindingNotFound:
            raise _not_found(id) from None
        except FindingStateError as error:
            raise QueryError("id", id, f"a finding that can be acknowledged: {error}") from None
        return build("Finding", row)

    @strawberry.mutation(
        description="Resolve an OPEN or ACKNOWLEDGED finding with the measure taken (e.g. 已推荐至XX公司就业); "
        "rule runs will not reopen it."
    )
    def resolve_finding(
        self,
        info: Info,
        id: FindingId,
        measure_taken: Annotated[str, strawberry.argument(description="The measure that was taken.")],
        note: Note = None,
    ) -> Finding:
        finding = _finding_id(id)
        if not measure_taken.strip():
            raise QueryError("measureTaken", measure_taken, "the measure that was taken, such as 已推荐至XX公司就业")
        try:
            row = finding_actions.resolve(info.context, finding, measure_taken=measure_taken, note=note)
        except FindingNotFound:
            raise _not_found(id) from None
        except FindingStateError as error:
            raise QueryError("id", id, f"a finding that can be resolved: {error}") from None
        return build("Finding", row)

    @strawberry.mutation(
        description="Record a follow-up visit, as the poverty office's platform or a village ledger would: it is "
        "checked by the caliber, stored with provenance (source API), and counts in the month's unified "
        "employment from the hub's next resolution (every sync ends with one)."
    )
    def submit_follow_up(self, info: Info, input: FollowUpInput) -> FollowUp:
        return build("FollowUp", submit_follow_up(info.context, input.submission()))
