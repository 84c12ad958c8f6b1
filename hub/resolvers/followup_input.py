"""A follow-up visit as a township system submits it, checked by the caliber exactly as a connector's row.

The same normalizers the poverty office's and the ledgers' connectors apply (citizen ID, month, dates in
the spellings village clerks use, yuan never below zero, trimmed text) decide here; a value they refuse
is refused with the input field named, and nothing is written. The person must be a registered member
the client can see: a follow-up is about a registered poor laborer, and a township's system follows up
its own people.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from sqlalchemy import true

from graph.caliber import Invalid, citizen_id, load_caliber, parse_date, parse_period, yuan
from graph.records import FollowUpRecord, Provenance
from hub.resolvers.entities import FOLLOWUPS, LABORER, PEOPLE
from hub.resolvers.errors import QueryError

if TYPE_CHECKING:
    from collections.abc import Callable

    from hub.resolvers.reader import Reader

#: The provenance of every follow-up the API records: the hub's own source, one table.
SOURCE, TABLE = "api", "followups"
#: China Standard Time (no daylight saving): the day a township enters a visit is its day in Jiangxi.
CHINA = timezone(timedelta(hours=8))
#: Free-text fields and the store's column each lands in (its length is the limit).
TEXTS = {
    "location": "location",
    "employerName": "employer_name",
    "visitor": "visitor",
    "remarks": "remarks",
    "name": "name",
}


@dataclass(frozen=True, slots=True)
class FollowUpSubmission:
    """One visit as submitted (GraphQL field names in :data:`TEXTS` and the errors), before any check."""

    citizen_id: str
    period: str
    visit_date: str
    status: str
    returned: bool = False
    entry_date: str | None = None
    income: Decimal | None = None
    other_income: Decimal | None = None
    texts: tuple[tuple[str, str | None], ...] = ()


def _checked[T](field: str, value: Any, normalize: Callable[[Any], T], expected: str) -> T:
    try:
        return normalize(value)
    except Invalid as error:
        raise QueryError(f"input.{field}", value, f"{expected} ({error.reason})") from None


def _money(field: str, value: Decimal | None) -> Decimal | None:
    """Yuan as the caliber keeps money (two decimals, never below zero); the value shown as it was written."""
    return None if value is None else _checked(field, str(value), yuan, "yuan, zero or more")


def _text(field: str, value: str | None) -> str | None:
    text = None if value is None else value.strip() or None
    limit = FOLLOWUPS.c[TEXTS[field]].type.length
    if text is not None and limit is not None and len(text) > limit:
        raise QueryError(f"input.{field}", value, f"at most {limit} characters")
    return text


def _status(value: str) -> str:
    codes = [code.code for code in load_caliber().code_list("employment_status")]
    if value not in codes:
        raise QueryError("input.status", value, f"an employment_status code of the caliber: one of {', '.join(codes)}")
    return value


def _client_tag(client: str) -> str:
    """The client's name, or for a very long one a prefix and a digest, so every source key fits its column."""
    if len(client) <= 80:
        return client
    return f"{client[:70]}~{hashlib.sha256(client.encode()).hexdigest()[:9]}"


def normalize(submission: FollowUpSubmission, *, client: str) -> FollowUpRecord:
    """The unified record of ``submission``; the first value the caliber refuses raises :class:`QueryError`.

    Its source key names the client, the person, the month and the visit day, so submitting the same visit
    again corrects it rather than adding a second one.
    """
    person = _checked("citizenId", submission.citizen_id, citizen_id, "a valid citizen ID")
    period = _checked("period", submission.period, parse_period, "a month written YYYY-MM")
    visited = _checked("visitDate", submission.visit_date, parse_date, "a date such as 2024-05-18")
    entered: date = (
        datetime.now(CHINA).date()
        if submission.entry_date is None
        else _checked("entryDate", submission.entry_date, parse_date, "a date such as 2024-05-20")
    )
    income = _money("income", submission.income)
    other = _money("otherIncome", submission.other_income)
    texts = {TEXTS[field]: _text(field, value) for field, value in submission.texts}
    key = f"{_client_tag(client)}|{person}|{period}|{visited.isoformat()}"
    return FollowUpRecord(
        provenance=Provenance(SOURCE, TABLE, key, datetime.now(UTC).replace(tzinfo=None)),
        citizen_id=person,
        period=period,
        visit_date=visited,
        status=_status(submission.status),
        returned=submission.returned,
        entry_date=entered,
        income=income,
        other_income=other,
        **texts,
    )


def require_visible_member(reader: Reader, person: str) -> None:
    """The person is a registered member in the client's region, or the submission is refused."""
    statement = reader.select(LABORER, PEOPLE.c.citizen_id == person, PEOPLE.c.registered == true())
    if not reader.rows(statement):
        raise QueryError("input.citizenId", person, "the citizen ID of a registered household member in your region")
