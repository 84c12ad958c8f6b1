"""The contract's checks, one small function each; every one raises ``ContractViolation`` or returns."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from connectors.contract.checks.connection import check_connection
from connectors.contract.checks.idempotency import check_idempotency
from connectors.contract.checks.incremental import check_incremental
from connectors.contract.checks.mapping import check_mapping_coverage
from connectors.contract.checks.read import check_read
from connectors.contract.checks.read_only import check_read_only
from connectors.contract.checks.spec import check_spec

if TYPE_CHECKING:
    from connectors.contract.run import ContractRun

CHECKS: dict[str, Callable[[ContractRun], None]] = {
    "spec": check_spec,
    "check": check_connection,
    "read": check_read,
    "idempotency": check_idempotency,
    "incremental": check_incremental,
    "read_only": check_read_only,
    "mapping_coverage": check_mapping_coverage,
}

__all__ = [
    "CHECKS",
    "check_connection",
    "check_idempotency",
    "check_incremental",
    "check_mapping_coverage",
    "check_read",
    "check_read_only",
    "check_spec",
]
