"""Acknowledging and resolving a finding on a client's behalf: its region scope first, then one short write.

The scope is tested inside the write transaction, so a finding outside the client's region is, to the
client, a finding that does not exist: the same error, nothing written. The actions themselves are
``graph.rules.actions`` (the status rules live there, with the rule runs that respect them). After the
write the request forgets what its DataLoaders read, so the answer shows the finding as it now is.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from graph.rules.actions import FindingNotFound, acknowledge_finding, resolve_finding
from hub.resolvers.entities import FINDING, FINDINGS
from hub.resolvers.findings import FINDING_BY_ID
from hub.resolvers.loaders import Loaders

if TYPE_CHECKING:
    from sqlalchemy import Connection

    from hub.resolvers.context import RequestContext


def acknowledge(context: RequestContext, finding: int, *, note: str | None) -> Any:
    """Mark an OPEN finding as being handled by the client; returns its row as it now is."""
    by = context.viewer.name
    return _act(context, finding, lambda connection: acknowledge_finding(connection, finding, by=by, note=note))


def resolve(context: RequestContext, finding: int, *, measure_taken: str, note: str | None) -> Any:
    """Close an OPEN or ACKNOWLEDGED finding with the measure taken; returns its row as it now is."""
    by = context.viewer.name
    return _act(
        context,
        finding,
        lambda connection: resolve_finding(connection, finding, by=by, measure_taken=measure_taken, note=note),
    )


def _act(context: RequestContext, finding: int, action: Callable[[Connection], None]) -> Any:
    reader = context.reader
    with reader.engine.begin() as connection:
        visible = select(FINDINGS.c.id).where(FINDINGS.c.id == finding, reader.scope(FINDING))
        if connection.execute(visible).first() is None:
            raise FindingNotFound(f"finding {finding} does not exist")
        action(connection)
    context.loaders = Loaders(reader)
    [row] = FINDING_BY_ID.fetch(reader, [finding])
    households = [row.household_no] if row.citizen_id is None else []
    context.access.trail.wrote("findings:write", [row.citizen_id], households)
    return row
