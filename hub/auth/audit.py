"""The access log: every read of a person's data, written off the request's critical path.

A request collects whose data it returned in an :class:`AuditTrail` (a set: a person read through
three nested lists is one entry per field group); when the response is sent, the trail goes to the
:class:`AuditWriter`, a background thread that inserts in batches. Closing the writer (the app's
shutdown) drains the queue, so a clean shutdown loses nothing.
"""

from __future__ import annotations

import logging
import queue
import threading
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from operator import attrgetter, itemgetter
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from graph.store import schema

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from sqlalchemy import Connection, Engine

log = logging.getLogger("hub.audit")

ACCESS_LOG = schema.AccessLogEntry.__table__

#: Object type → (field group, the row columns naming whose data it is). A household's record is its
#: head's; a payment concerns both the payee and the beneficiary.
AUDITED_COLUMNS: dict[str, tuple[str, tuple[str, ...]]] = {
    "Laborer": ("registry", ("citizen_id",)),
    "Household": ("registry", ("head_citizen_id",)),
    "Employment": ("employment", ("citizen_id",)),
    "FollowUp": ("employment", ("citizen_id",)),
    "ReturnEvent": ("employment", ("citizen_id",)),
    "PublicWelfarePost": ("employment", ("citizen_id",)),
    "Training": ("employment", ("citizen_id",)),
    "Payment": ("payments", ("payee_citizen_id", "beneficiary_citizen_id")),
    "Finding": ("findings", ("citizen_id",)),
    "AccessLogEntry": ("audit", ("citizen_id",)),
}
#: Object types whose row may concern a household rather than a person: logged against its head.
AUDITED_HOUSEHOLDS: dict[str, tuple[str, str, str]] = {"Finding": ("findings", "citizen_id", "household_no")}
PII_GROUP = "pii"
AUDIT_THREAD = "hub-audit-writer"
HOUSEHOLDS = schema.Household.__table__


def audited_columns(type_name: str) -> tuple[str, ...]:
    """The row columns the trail reads to note a row of ``type_name``: they must be fetched with it."""
    _, columns = AUDITED_COLUMNS.get(type_name, ("", ()))
    household = AUDITED_HOUSEHOLDS.get(type_name)
    return columns if household is None else (*columns, *household[1:])


@dataclass(slots=True)
class AuditTrail:
    """Whose data one request returned, by field group."""

    pii: bool = False
    request_id: str = field(default_factory=lambda: uuid.uuid4().hex)
    #: field group → the citizen IDs whose data of that group was returned
    people: dict[str, set[str]] = field(default_factory=dict)
    #: field group → households (no person named) whose data was returned; the writer finds their heads
    households: dict[str, set[str]] = field(default_factory=dict)

    def saw(self, type_name: str, rows: Iterable[Any], index: Mapping[str, int] | None = None) -> None:
        """Note whose data ``rows`` of ``type_name`` hold: one C-level pass per audited column.

        With ``index`` (column → position) the rows are read by position, as the look-ahead executor's
        are (reading an attribute of a SQLAlchemy row costs about a microsecond).
        """
        audited = AUDITED_COLUMNS.get(type_name)
        if audited is None:
            return
        rows = rows if isinstance(rows, list | tuple) else list(rows)

        def getter(column: str) -> Any:
            return attrgetter(column) if index is None else itemgetter(index[column])

        group, columns = audited
        people = self.people.setdefault(group, set())
        for column in columns:
            people.update(map(getter(column), rows))
        household = AUDITED_HOUSEHOLDS.get(type_name)
        if household is not None:
            group, person, number = household
            person_of, number_of = getter(person), getter(number)
            found = {number_of(row) for row in rows if person_of(row) is None}
            self.households.setdefault(group, set()).update(found)

    def wrote(self, scope: str, citizen_ids: Iterable[str | None], households: Iterable[str | None] = ()) -> None:
        """A mutation changed these people's (or households') data; the group is its scope (``followups:write``)."""
        self.people.setdefault(scope, set()).update(citizen_ids)
        self.households.setdefault(scope, set()).update(households)

    def entries(self, client: str, operation: str | None, at: datetime) -> list[dict[str, Any]]:
        """One entry per person; a household's entries name it in ``household_no`` for the writer to resolve."""
        groups: dict[tuple[str, str], list[str]] = {}
        for kind, subjects in (("citizen_id", self.people), ("household_no", self.households)):
            for group in sorted(subjects):
                for subject in subjects[group]:
                    if subject:
                        groups.setdefault((kind, subject), []).append(group)
        extra = [PII_GROUP] if self.pii else []
        return [
            {
                "at": at,
                "client": client,
                "operation": operation,
                "request_id": self.request_id,
                "citizen_id": subject if kind == "citizen_id" else None,
                "household_no": subject if kind == "household_no" else None,
                "field_groups": ",".join(sorted(found + extra)),
            }
            for (kind, subject), found in groups.items()
        ]


def now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class AuditWriter:
    """Batches access-log entries into the store from one background thread."""

    def __init__(self, engine: Engine, *, batch_size: int = 2000, interval: float = 0.2) -> None:
        self.engine = engine
        self.batch_size = batch_size
        self.interval = interval
        self._queue: queue.SimpleQueue[list[dict[str, Any]] | None] = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._run, name=AUDIT_THREAD, daemon=True)
        self._thread.start()
        self._closed = False

    def submit(self, entries: list[dict[str, Any]]) -> None:
        if entries:
            self._queue.put(entries)

    def flush(self) -> None:
        """Block until everything submitted so far is in the store (tests and shutdown)."""
        done = threading.Event()
        self._queue.put([{"__flush__": done}])
        done.wait()

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        self._queue.put(None)
        self._thread.join()

    def _run(self) -> None:
        stopping = False
        while not stopping:
            batch: list[dict[str, Any]] = []
            waiters: list[threading.Event] = []
            item = self._queue.get()
            while True:
                if item is None:
                    stopping = True
                elif item and "__flush__" in item[0]:
                    waiters.append(item[0]["__flush__"])
                else:
                    batch.extend(item)
                if stopping or len(batch) >= self.batch_size:
                    break
                try:
                    item = self._queue.get(timeout=self.interval if batch else 0)
                except queue.Empty:
                    break
            self._write(batch)
            for waiter in waiters:
                waiter.set()

    def _write(self, batch: list[dict[str, Any]]) -> None:
        if not batch:
            return
        try:
            with self.engine.begin() as connection:
                rows = _resolve_households(connection, batch)
                if rows:
                    connection.execute(ACCESS_LOG.insert(), rows)
        except Exception:
            # Never silently: the entries go to the log, where an operator can replay them.
            log.exception("could not write %d access-log entries; they follow as JSON", len(batch))
            for entry in batch:
                log.error("unwritten access-log entry: %s", {**entry, "at": entry["at"].isoformat()})


def _resolve_households(connection: Connection, batch: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The batch with each household entry logged against its head, merged with the head's own entry."""
    numbers = {entry["household_no"] for entry in batch if entry["household_no"]}
    heads: dict[str, str] = {}
    if numbers:
        query = select(HOUSEHOLDS.c.household_no, HOUSEHOLDS.c.head_citizen_id).where(
            HOUSEHOLDS.c.household_no.in_(sorted(numbers))
        )
        heads = {number: head for number, head in connection.execute(query) if head}
    merged: dict[tuple[str, str], dict[str, Any]] = {}
    for entry in batch:
        citizen_id = entry["citizen_id"] or heads.get(entry["household_no"] or "")
        if not citizen_id:
            continue  # a household with no head on record: nobody's data to log against
        key = (entry["request_id"], citizen_id)
        row = {name: value for name, value in entry.items() if name != "household_no"} | {"citizen_id": citizen_id}
        if key in merged:
            groups = set(merged[key]["field_groups"].split(",")) | set(row["field_groups"].split(","))
            merged[key]["field_groups"] = ",".join(sorted(groups))
        else:
            merged[key] = row
    return list(merged.values())
