"""Every list the API serves, as a function from filters and a page request to a connection.

Root fields and the lists hanging off a node (a region's households) call the same function, so a
filter means the same thing wherever it is used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from hub.resolvers.access_log import ACCESS_ENTRY
from hub.resolvers.employment import RETURN_EVENT
from hub.resolvers.entities import (
    CONFLICT,
    EMPLOYER,
    EMPLOYMENT_MONTH,
    FINDING,
    FOLLOWUP,
    HOUSEHOLD,
    LABORER,
    PAYMENT,
    PLACEMENT,
    POSTING,
    QUARANTINED,
    REGION,
    TRAINING,
    WAGE,
    WORKSHOP,
)
from hub.resolvers.pages import fetch_page
from hub.schema.connection import connection

if TYPE_CHECKING:
    import strawberry

    from hub.resolvers.entities import Entity

#: Which object type each listed entity's rows become.
LISTED: dict[str, Entity] = {
    "Region": REGION,
    "Household": HOUSEHOLD,
    "Laborer": LABORER,
    "Employer": EMPLOYER,
    "Workshop": WORKSHOP,
    "PublicWelfarePost": PLACEMENT,
    "Training": TRAINING,
    "JobPosting": POSTING,
    "MinimumWage": WAGE,
    "Employment": EMPLOYMENT_MONTH,
    "FollowUp": FOLLOWUP,
    "ReturnEvent": RETURN_EVENT,
    "Payment": PAYMENT,
    "Conflict": CONFLICT,
    "QuarantineEntry": QUARANTINED,
    "Finding": FINDING,
    "AccessLogEntry": ACCESS_ENTRY,
}


def listing(info: strawberry.Info, type_name: str, filters: Any, first: int | None, after: str | None) -> Any:
    """One page of ``type_name`` objects meeting ``filters`` (an object with ``conditions()``)."""
    context = info.context
    request = context.limits.request(first, after)
    page = fetch_page(context.reader, LISTED[type_name], filters.conditions(), request)
    return connection(page, type_name)
