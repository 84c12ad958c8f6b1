"""two partial indexes for rules that otherwise read a large table row by row

``ix_employment_reports_period_employer``: EMPLOYER_SUBSIDY_WITHOUT_EMPLOYMENT asks, for each
organisation subsidy (about a million in a province), whether HR has an employed record of the
beneficiary for the covered month naming that organisation. Through ``ix_employment_reports_person_period``
every such question fetched the person's records of the month from the table, at random (three minutes
for a province on SQLite); this index answers it from the index alone. It holds only the records that
name an employer (a fifth of them). It leads with the month because the payments are read in stored
order, which is roughly month by month, so consecutive searches stay within one month's part of the
index (and HR's records, loaded month by month, are added near its end rather than all over it).

``ix_followups_late`` (SQLite only): FOLLOWUP_LATE wants the follow-ups visited after the 20th or
entered after the 25th of their month, a few per thousand of 27 million; the index holds just those,
so the rule reads a few thousand rows instead of the whole table. Its condition is the rule's own test
on SQLite, where dates are ``YYYY-MM-DD`` text (with other days configured the rule reads the table).
PostgreSQL keeps dates as dates and scans the table in parallel; it gets no such index.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-25 05:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None

EMPLOYED_BY = "ix_employment_reports_period_employer"
NAMES_EMPLOYER = sa.text("employer_credit_code IS NOT NULL")
LATE = "ix_followups_late"
LATE_WHERE = sa.text("visit_date > period || '-20' OR entry_date > period || '-25'")


def upgrade() -> None:
    op.create_index(
        EMPLOYED_BY,
        "employment_reports",
        ["period", "citizen_id", "employer_credit_code", "status"],
        sqlite_where=NAMES_EMPLOYER,
        postgresql_where=NAMES_EMPLOYER,
    )
    if op.get_bind().dialect.name == "sqlite":
        op.create_index(LATE, "followups", ["period"], sqlite_where=LATE_WHERE)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.drop_index(LATE, table_name="followups")
    op.drop_index(EMPLOYED_BY, table_name="employment_reports")
