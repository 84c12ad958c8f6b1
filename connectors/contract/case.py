"""What a connector author hands the kit: the connector, a fixture source, and how to break it."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from connectors.contract.secrets import password_of

if TYPE_CHECKING:
    from connectors.framework import Connector

#: The checks every connector must pass, in the order the kit runs them.
CHECK_NAMES = ("spec", "check", "read", "idempotency", "incremental", "read_only", "mapping_coverage")


@dataclass(frozen=True, slots=True)
class BrokenSource:
    """A location the connector must refuse with a clear ``ConnectorError`` (no traceback, no secret).

    ``problem`` says what is wrong with it, for messages; ``match`` is a regular expression the error
    message must match, so "clear" means it names the thing that is wrong (the table, the path, the user).
    """

    location: str
    problem: str
    match: str | None = None


@dataclass(frozen=True, slots=True)
class KnownViolation:
    """A violation the connector's owner has acknowledged and not fixed yet.

    The check is reported as an expected failure while it fails with a message matching ``match``; once
    it passes (or fails differently) the test fails, so the entry cannot outlive the bug it excuses.
    """

    check: str
    match: str
    reason: str

    def __post_init__(self) -> None:
        if self.check not in CHECK_NAMES:
            raise ValueError(f"KnownViolation.check: {self.check!r} is not a check; expected one of {CHECK_NAMES}")


@dataclass(frozen=True)
class ContractCase:
    """One connector pointed at one fixture source.

    ``location`` is what ``connector_type.from_location`` takes (a database URL, a folder). ``secrets``
    are strings that must never show in logs or messages besides those the settings mark ``SecretStr``
    (e.g. a PostgreSQL password). ``department`` names the caliber department file of the connector's
    codes (default: the connector's name). ``beyond_cursor`` is a cursor later than any in the source,
    when the kit cannot derive one. ``fingerprint`` checksums a source the kit does not know how to
    (default: SQLite file, PostgreSQL tables, files and folders).
    """

    connector_type: type[Connector]
    location: str
    broken: tuple[BrokenSource, ...] = ()
    secrets: tuple[str, ...] = ()
    department: str | None = None
    known_violations: tuple[KnownViolation, ...] = ()
    beyond_cursor: Any = None
    fingerprint: Callable[[str], dict[str, str]] | None = None
    batch_size: int = 500

    def __post_init__(self) -> None:
        if self.batch_size < 1:
            raise ValueError(f"ContractCase.batch_size: {self.batch_size!r}; expected a positive number of rows")
        for known in self.known_violations:
            re.compile(known.match)

    @property
    def name(self) -> str:
        return str(getattr(self.connector_type, "name", self.connector_type.__name__))

    @property
    def department_name(self) -> str:
        return self.department or self.name

    def secret_strings(self) -> tuple[str, ...]:
        """Everything the kit's own messages must not show: the given secrets and the locations' passwords."""
        passwords = (password_of(location) for location in (self.location, *(b.location for b in self.broken)))
        return (*self.secrets, *filter(None, passwords))

    def known(self, check: str) -> KnownViolation | None:
        return next((known for known in self.known_violations if known.check == check), None)
