"""a partial covering index of HR's recorded skill levels by person

The rules' suggested measures look up the best skill level of each laborer they are for (about 300,000
people for a province's zero-employment households); through this index that is an index-only lookup of
the few records that carry a level, not a read of every HR record of the person.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25 02:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None

NAME = "ix_employment_reports_person_skill"
WHERE = sa.text("skill_level IS NOT NULL")


def upgrade() -> None:
    op.create_index(
        NAME, "employment_reports", ["citizen_id", "skill_level"], sqlite_where=WHERE, postgresql_where=WHERE
    )


def downgrade() -> None:
    op.drop_index(NAME, table_name="employment_reports")
