"""Where facts come from and where departments disagree: provenance, conflicts, quarantine."""

from __future__ import annotations

import json
from datetime import datetime
from typing import ClassVar

import strawberry

from hub.schema.enums import Department, QuarantineFault
from hub.schema.rows import object_type
from hub.schema.scalars import SourceText


@object_type
@strawberry.type(description="Where a fact came from: the department, its table and row, when the source changed it.")
class Provenance:
    source: Department = strawberry.field(description="The department (or the village ledgers) that said it.")
    table: str = strawberry.field(description="The source table (回访台账 for a ledger).")
    key: SourceText = strawberry.field(
        description="The source row's key as text; a ledger row is 'file.xlsx:row number'."
    )
    source_updated_at: datetime | None = strawberry.field(
        description="When the source last changed the row (its update-time column), if it has one."
    )


@strawberry.type
class Sourced:
    """A fact a source asserted: its provenance columns, served as ``provenance``."""

    source: strawberry.Private[str | None] = None
    source_table: strawberry.Private[str | None] = None
    source_key: strawberry.Private[str | None] = None
    source_updated_at: strawberry.Private[datetime | None] = None

    @strawberry.field(description="Where this fact came from (null for a node no source row states).")
    def provenance(self) -> Provenance | None:
        if self.source is None or self.source_table is None or self.source_key is None:
            return None
        return Provenance(
            source=self.source,
            table=self.source_table,
            key=self.source_key,
            source_updated_at=self.source_updated_at,
        )


@strawberry.type(description="One department's statement in a conflict, with the row that made it.")
class Assertion:
    source: Department
    table: str
    key: SourceText
    value: SourceText | None


@object_type
@strawberry.type(
    description="Departments disagree on an element of a subject: every statement kept, the unified value derived "
    "by the caliber's precedence (CALIBER.md)."
)
class Conflict:
    subject_type: str = strawberry.field(description="person or household.")
    subject_key: SourceText = strawberry.field(description="The subject's natural key (citizen ID, household number).")
    element: str = strawberry.field(description="The caliber element they disagree on (see caliber).")
    period: str = strawberry.field(description="The month of the disagreement, or empty for a timeless element.")
    unified_value: SourceText | None = strawberry.field(description="The value the hub derived by precedence.")
    assertions_json: strawberry.Private[str] = ""
    ROW_COLUMNS: ClassVar[dict[str, str]] = {"assertions_json": "assertions"}

    @strawberry.field(description="Every department's statement, source by source.")
    def assertions(self) -> list[Assertion]:
        return [
            Assertion(source=item["source"], table=item["table"], key=item["key"], value=item.get("value"))
            for item in json.loads(self.assertions_json)
        ]


@object_type
@strawberry.type(description="A source row that could not be normalized: the element, the value and the reason.")
class QuarantineEntry:
    source: Department
    source_table: str
    source_key: SourceText
    fault: QuarantineFault
    element: str = strawberry.field(description="The caliber element whose value was refused.")
    value: SourceText | None = strawberry.field(description="The refused value as the source wrote it.")
    reason: SourceText = strawberry.field(description="Why, naming the value and what was expected.")
    record: SourceText = strawberry.field(description="The whole source row as JSON, exactly as read.")
    source_updated_at: datetime | None
