"""the late follow-ups' partial index on PostgreSQL too

FOLLOWUP_LATE wants the follow-ups visited after the 20th or entered after the 25th of their month, a few
per thousand of a province's 27 million. Migration 0006 gave SQLite a partial index holding just those;
PostgreSQL scanned the whole table for them (25 s on a province, two rules at a time). Dates are dates
there, so the condition builds each month's deadline with ``make_date`` (immutable, as an index condition
must be); the rule states the same test, which lets the planner use the index. With other days configured
the test no longer matches and the rule scans the table, as before.

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-25 07:45:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None

LATE = "ix_followups_late"
LATE_WHERE = sa.text(
    "visit_date > make_date(CAST(SUBSTR(period, 1, 4) AS INTEGER), CAST(SUBSTR(period, 6, 2) AS INTEGER), 20)"
    " OR entry_date > make_date(CAST(SUBSTR(period, 1, 4) AS INTEGER), CAST(SUBSTR(period, 6, 2) AS INTEGER), 25)"
)


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.create_index(LATE, "followups", ["period"], postgresql_where=LATE_WHERE)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.drop_index(LATE, table_name="followups")
