"""person_months: each person's employed and followed-up months of a year as two bit masks

The monitoring rules ask, person by person, which months someone was employed (by the unified status)
and which months someone was visited. Reading that from ``employment`` (27 million rows in a province)
and ``followups`` (27.6 million) in every rule cost most of their time; one row per person and year
(about 3 million) holds the same answer in two integers, bit m-1 standing for month m. The resolver
keeps it with ``employment``, a year at a time, in the same transaction (:mod:`graph.resolve.person_months`).

Clustered on its key on SQLite (WITHOUT ROWID), like ``employment``: a person's years sit side by side.
The table is filled here from the stored months by the resolver's own statements.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-25 09:30:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from graph.resolve.person_months import refresh_person_months

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'person_months',
        sa.Column('citizen_id', sa.String(length=18), nullable=False),
        sa.Column('year', sa.Integer(), autoincrement=False, nullable=False),
        sa.Column('employed', sa.Integer(), nullable=False),
        sa.Column('visited', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('citizen_id', 'year', name=op.f('pk_person_months')),
        sqlite_with_rowid=False,
    )
    refresh_person_months(op.get_bind(), None)


def downgrade() -> None:
    op.drop_table('person_months')
