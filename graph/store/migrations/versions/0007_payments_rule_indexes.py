"""two covering partial indexes of the payments, for rules that otherwise sort them all (SQLite only)

SQLite has no hash aggregate: grouping the payments of a province (3.4 million) from a pass over the table
sorts them all, 4 to 6 s of CPU per rule, and reading them in order through a one-column index fetches
each row at random (worse). These indexes hold the columns the rules group by, in that order, so a rule
reads one from end to end without touching the table and without a sort, then fetches only the few
groups it reports.

``ix_payments_beneficiary_month`` (beneficiary, covered month, type, amount; payments with a
beneficiary): DUPLICATE_PAYMENT's groups, PUBLIC_POST_OVER_MIN_WAGE's monthly totals and
POST_PAYMENT_WITHOUT_PLACEMENT's months of post subsidies. About 190 MB for a province, built in 5 s.

``ix_payments_personal_account`` (account, beneficiary, county; payments to a personal account):
SHARED_BANK_ACCOUNT's payees per account. About 130 MB for a province, built in 4 s.

Neither holds ``effective``: the resolver rewrites that column (and ``reversed_by``) of every payment
at each sync, and SQLite rewrites every index holding a column an ``UPDATE`` sets, or naming it in its
condition (with ``effective`` in these two the resolver took 1.9–2.4 s instead of 0.4 s on a city). The
rules count every payment first (a superset) and test ``effective`` on the few groups found. At sync
they cost what two more indexes cost when payments are written. PostgreSQL hashes the groups from its
parallel scan and gets no such indexes.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-25 07:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None

BY_BENEFICIARY_MONTH = "ix_payments_beneficiary_month"
HAS_BENEFICIARY = sa.text("beneficiary_citizen_id IS NOT NULL")
PERSONAL_ACCOUNT = "ix_payments_personal_account"
TO_PERSONAL_ACCOUNT = sa.text("payee_credit_code IS NULL AND account <> ''")


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    op.create_index(
        BY_BENEFICIARY_MONTH,
        "payments",
        ["beneficiary_citizen_id", "covered_period", "subsidy_type", "amount"],
        sqlite_where=HAS_BENEFICIARY,
    )
    op.create_index(
        PERSONAL_ACCOUNT,
        "payments",
        ["account", "beneficiary_citizen_id", "county_code", "payee_credit_code"],
        sqlite_where=TO_PERSONAL_ACCOUNT,
    )


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    op.drop_index(PERSONAL_ACCOUNT, table_name="payments")
    op.drop_index(BY_BENEFICIARY_MONTH, table_name="payments")
