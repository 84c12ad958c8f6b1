"""people, households and monthly employment stored in key order on SQLite (WITHOUT ROWID)

The rules walk these tables person by person and look people and households up by their keys. In a
rowid table such a lookup is two B-tree searches (the key's index, then the row), and the monthly
statuses of one person lie in fourteen distant places (the table grows month by month). Clustered on
their primary keys, a lookup is one search and a person's months sit side by side, so a pass in key
order reads each page once. PostgreSQL has no such option and is left as it is.

Each table is rebuilt from its own stored definition: created anew without rowids, filled in key
order (appending, not inserting at random), then its indexes are created again.

On both engines the index of people by household also holds ``registered``: the zero-employment rule
asks, for every household-month with an idle laborer, whether any registered member works, and the
index then answers who the registered members are without reading their rows. And a partial index
holds the follow-ups that report a return home (about 0.3 % of them), where RETURNEE_NOT_REEMPLOYED
starts instead of reading every follow-up.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-25 04:00:00.000000
"""

from __future__ import annotations

import re

from alembic import op
from sqlalchemy import text

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

KEYS = {"people": "citizen_id", "households": "household_no", "employment": "citizen_id, period"}


MEMBERS = "ix_people_household_no"
RETURNS = "ix_followups_returned"
RETURNED = text("returned")


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for table, key in KEYS.items():
            _rebuild(table, key, clustered=True)
    op.drop_index(MEMBERS, table_name="people")
    op.create_index(MEMBERS, "people", ["household_no", "registered"])
    op.create_index(RETURNS, "followups", ["citizen_id", "period"], sqlite_where=RETURNED, postgresql_where=RETURNED)


def downgrade() -> None:
    op.drop_index(RETURNS, table_name="followups")
    op.drop_index(MEMBERS, table_name="people")
    op.create_index(MEMBERS, "people", ["household_no"])
    if op.get_bind().dialect.name == "sqlite":
        for table, key in KEYS.items():
            _rebuild(table, key, clustered=False)


def _rebuild(table: str, key: str, *, clustered: bool) -> None:
    connection = op.get_bind()
    definition = connection.execute(
        text("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = :table"), {"table": table}
    ).scalar_one()
    indexes = (
        connection.execute(
            text("SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = :table AND sql IS NOT NULL"),
            {"table": table},
        )
        .scalars()
        .all()
    )
    body = re.sub(r"\)\s*(WITHOUT ROWID)?\s*$", ")", definition.strip(), flags=re.IGNORECASE)
    body = re.sub(rf"^CREATE TABLE\s+\"?{table}\"?", f"CREATE TABLE {table}_rebuilt", body)
    connection.exec_driver_sql(body + (" WITHOUT ROWID" if clustered else ""))
    connection.exec_driver_sql(f"INSERT INTO {table}_rebuilt SELECT * FROM {table} ORDER BY {key}")
    connection.exec_driver_sql(f"DROP TABLE {table}")
    connection.exec_driver_sql(f"ALTER TABLE {table}_rebuilt RENAME TO {table}")
    for index in indexes:
        connection.exec_driver_sql(index)
