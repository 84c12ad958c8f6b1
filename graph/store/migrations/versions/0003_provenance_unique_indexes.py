"""provenance uniqueness of id-keyed fact tables as unique indexes

A first load into an empty table inserts without the unique index on (source, source_table, source_key)
and builds it once afterwards. SQLite cannot drop the index behind a table constraint, so those tables
declare it as an index instead (the constraint's name is kept). SQLite rebuilds each table to drop the
constraint; PostgreSQL swaps the constraint for the index in place.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25 01:00:00.000000
"""

from __future__ import annotations

from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None

TABLES = ("employment_reports", "followups", "job_postings", "placements", "trainings")
COLUMNS = ["source", "source_table", "source_key"]


def upgrade() -> None:
    for table in TABLES:
        name = f"uq_{table}_source_source_table_source_key"
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_constraint(name, type_="unique")
            batch_op.create_index(name, COLUMNS, unique=True)


def downgrade() -> None:
    for table in TABLES:
        name = f"uq_{table}_source_source_table_source_key"
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_index(name)
            batch_op.create_unique_constraint(name, COLUMNS)
