"""The connector contract kit: the checks every connector, built-in or third-party, must pass.

Point it at a connector and a fixture source with a :class:`ContractCase` and subclass
:class:`ConnectorContract` in a test module; ``connectors/README.md`` walks through an example.
"""

from connectors.contract.broken import folder_broken_sources, sql_broken_sources
from connectors.contract.case import CHECK_NAMES, BrokenSource, ContractCase, KnownViolation
from connectors.contract.checks import CHECKS
from connectors.contract.plugin import ConnectorContract, run_check
from connectors.contract.run import ContractRun
from connectors.contract.violation import ContractViolation

__all__ = [
    "CHECKS",
    "CHECK_NAMES",
    "BrokenSource",
    "ConnectorContract",
    "ContractCase",
    "ContractRun",
    "ContractViolation",
    "KnownViolation",
    "folder_broken_sources",
    "run_check",
    "sql_broken_sources",
]
