"""Which vouchers count as paid: status PAID and not cancelled by a reversal naming them."""

from __future__ import annotations

from sqlalchemy import Connection, text

_EFFECTIVE = """
UPDATE payments SET
    reversed_by = (
        SELECT MIN(r.voucher) FROM payments r
        WHERE r.reverses_voucher = payments.voucher AND r.status = 'REVERSAL'
    ),
    effective = CASE WHEN status = 'PAID' AND NOT EXISTS (
        SELECT 1 FROM payments r WHERE r.reverses_voucher = payments.voucher AND r.status = 'REVERSAL'
    ) THEN {true} ELSE {false} END
"""


def resolve_payments(connection: Connection) -> None:
    """Recompute every voucher's effectiveness (reversals may arrive months after the payment)."""
    postgres = connection.dialect.name == "postgresql"
    statement = _EFFECTIVE.format(true="true" if postgres else "1", false="false" if postgres else "0")
    connection.execute(text(statement))
