"""Recording a follow-up visit a township system submits: through the connectors' own ingest path.

The visit is normalized by the caliber (:mod:`hub.resolvers.followup_input`), then written by the same
:class:`~graph.ingest.BatchWriter` a sync uses, as one batch of source ``api``: the upsert, the name
spelling, and the dirty mark of its month all commit in one transaction, so the next resolution (every
``hub sync`` ends with one) recomputes that month's unified employment with the visit in it — exactly
as for a visit the poverty office's platform reported. The person's followed-up months in
``person_months`` are recomputed at once, so the next rule run no longer reports the month as missing a
follow-up. The write is recorded as an ingest run of its own, which the row's provenance names.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from graph.ingest import Batch, BatchWriter
from graph.resolve.person_months import refresh_person_months
from graph.store import Store
from hub.resolvers.entities import FOLLOWUP, FOLLOWUPS
from hub.resolvers.followup_input import SOURCE, TABLE, FollowUpSubmission, normalize, require_visible_member
from hub.resolvers.loaders import Loaders

if TYPE_CHECKING:
    from graph.records import FollowUpRecord
    from hub.resolvers.context import RequestContext


def submit_follow_up(context: RequestContext, submission: FollowUpSubmission) -> Any:
    """Check, write and return the stored row of one visit (a refused value raises ``QueryError``)."""
    record = normalize(submission, client=context.viewer.name)
    require_visible_member(context.reader, record.citizen_id)
    _write(context, record)
    context.access.trail.wrote("followups:write", [record.citizen_id])
    context.loaders = Loaders(context.reader)
    statement = context.reader.select(
        FOLLOWUP,
        FOLLOWUPS.c.source == SOURCE,
        FOLLOWUPS.c.source_table == TABLE,
        FOLLOWUPS.c.source_key == record.provenance.key,
    )
    [row] = context.reader.rows(statement)
    return row


def _write(context: RequestContext, record: FollowUpRecord) -> None:
    engine = context.reader.engine
    store = Store(engine.url.render_as_string(hide_password=True), engine=engine)
    run = store.start_run([SOURCE])
    status, stats = "failed", {}
    try:
        written = BatchWriter(engine, run).write(Batch(SOURCE, TABLE, rows=[[record]]), had_cursor=True)
        with engine.begin() as connection:
            # the person's followed-up months, which FOLLOWUP_MISSING reads, count the visit before the next sync
            refresh_person_months(connection, [int(record.period[:4])], person=record.citizen_id)
        status, stats = "succeeded", {SOURCE: written.__dict__}
    finally:
        store.finish_run(run, status, stats)
