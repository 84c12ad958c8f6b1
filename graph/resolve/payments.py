"""Which vouchers count as paid: status PAID and not cancelled by a reversal naming them."""

from __future__ import annotations

from sqlalchemy import Connection, text

_REVERSAL = """(
    SELECT MIN(r.voucher) FROM payments r WHERE r.reverses_voucher = payments.voucher AND r.status = 'REVERSAL'
)"""

# The writer stores a payment as effective if it is PAID, so only the vouchers a reversal names, those one
# named before and any stored otherwise are written again: rewriting every payment cost PostgreSQL a new
# row version and an entry in each of its indexes (city: 13 s).
_RESOLVE = f"""
UPDATE payments SET
    reversed_by = {_REVERSAL},
    effective = CASE WHEN status = 'PAID' AND {_REVERSAL} IS NULL THEN {{true}} ELSE {{false}} END
WHERE voucher IN (SELECT reverses_voucher FROM payments WHERE status = 'REVERSAL')
   OR reversed_by IS NOT NULL
   OR effective <> (status = 'PAID')
"""


def resolve_payments(connection: Connection) -> None:
    """Recompute every voucher's effectiveness (reversals may arrive months after the payment)."""
    postgres = connection.dialect.name == "postgresql"
    statement = _RESOLVE.format(
        true="true" if postgres else "1",
        false="false" if postgres else "0",
    )
    connection.execute(text(statement))
