"""What people do with a finding: acknowledge it, or resolve it with the measure taken.

The GraphQL mutations call these; a rule run never undoes them (an acknowledged finding stays
acknowledged while it holds, a finding a person resolved stays resolved).
"""

from __future__ import annotations

from sqlalchemy import Connection, select

from graph.rules.findings import ACKNOWLEDGED, OPEN, RESOLVED, now
from graph.store import schema


class FindingNotFound(LookupError):
    """No stored finding has this id."""


class FindingStateError(ValueError):
    """The finding's status does not allow the action; the message says which statuses do."""


def _status(connection: Connection, finding_id: int) -> str:
    findings = schema.Finding.__table__
    # Locked until the caller's transaction ends (PostgreSQL), so two people cannot both act on one status.
    locked = select(findings.c.status).where(findings.c.id == finding_id).with_for_update()
    status = connection.execute(locked).scalar_one_or_none()
    if status is None:
        raise FindingNotFound(f"finding {finding_id!r} does not exist; expected the id of a stored finding")
    return status


def acknowledge_finding(connection: Connection, finding_id: int, *, by: str, note: str | None = None) -> None:
    """Mark an open finding as seen and being handled by ``by``."""
    status = _status(connection, finding_id)
    if status != OPEN:
        raise FindingStateError(f"finding {finding_id} is {status}; only an {OPEN} finding can be acknowledged")
    findings = schema.Finding.__table__
    at = now()
    values: dict[str, object] = {"status": ACKNOWLEDGED, "acknowledged_at": at, "acknowledged_by": by, "updated_at": at}
    if note is not None:
        values["note"] = note
    connection.execute(findings.update().where(findings.c.id == finding_id).values(**values))


def resolve_finding(
    connection: Connection, finding_id: int, *, by: str, measure_taken: str, note: str | None = None
) -> None:
    """Close a finding with the measure taken (e.g. "已推荐至XX公司就业"); runs will not reopen it."""
    if not measure_taken.strip():
        raise FindingStateError(f"finding {finding_id}: measure_taken is empty; expected the measure that was taken")
    status = _status(connection, finding_id)
    if status == RESOLVED:
        raise FindingStateError(f"finding {finding_id} is already {RESOLVED}; expected an {OPEN} or {ACKNOWLEDGED} one")
    findings = schema.Finding.__table__
    at = now()
    connection.execute(
        findings.update()
        .where(findings.c.id == finding_id)
        .values(
            status=RESOLVED,
            resolved_at=at,
            resolved_by=by,
            resolved_run=None,
            measure_taken=measure_taken.strip(),
            note=note,
            updated_at=at,
        )
    )
