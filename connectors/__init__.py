"""Connectors: each reads one source system, incrementally and read-only, into the unified caliber.

The four built-in connectors are registered here; third-party connectors register under the
``hub.connectors`` entry-point group and must pass the same contract kit (``connectors.contract``).
"""

from __future__ import annotations

from importlib.metadata import entry_points

from connectors.framework import Connector, ConnectorError


def available() -> dict[str, type[Connector]]:
    """Every connector the hub can run, built-in first, by name."""
    from connectors.finance import FinanceConnector
    from connectors.hr import HrConnector
    from connectors.ledger import LedgerConnector
    from connectors.poverty import PovertyConnector

    found: dict[str, type[Connector]] = {
        connector.name: connector for connector in (HrConnector, PovertyConnector, FinanceConnector, LedgerConnector)
    }
    for entry in entry_points(group="hub.connectors"):
        found.setdefault(entry.name, entry.load())
    return found


def build(name: str, location: str) -> Connector:
    """The connector ``name`` for the source at ``location`` (a database URL or a folder)."""
    known = available()
    if name not in known:
        raise ConnectorError(f"unknown connector {name!r}", suggestion=f"choose one of {', '.join(known)}")
    return known[name].from_location(location)


__all__ = ["available", "build"]
