"""The access of the request being answered, for the layers that turn rows into a response.

Masking happens where a value is serialized and auditing where a person's row becomes a response
object; both are deep below the resolvers and shared by the look-ahead executor and Strawberry's. A
context variable carries the request's :class:`Access` to them, so no resolver has to pass it along
(and none can forget to). Outside a request nothing is revealed: masking is the default.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from hub.auth.audit import AuditTrail

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from hub.auth.sealing import Sealer
    from hub.auth.viewer import Viewer

PII_SCOPE = "pii:read"


@dataclass(slots=True)
class Access:
    viewer: Viewer
    sealer: Sealer
    trail: AuditTrail = field(default_factory=AuditTrail)
    #: the operation's name, the "why" of the reads in the access log
    operation: str | None = None
    reveals_pii: bool = field(init=False)

    def __post_init__(self) -> None:
        self.reveals_pii = self.viewer.can(PII_SCOPE)
        self.trail.pii = self.reveals_pii

    def saw(self, type_name: str, rows: Iterable[Any], index: Mapping[str, int] | None = None) -> None:
        """Rows of ``type_name`` are being returned to the client: note whose data they are.

        ``index`` (column → position) says the rows are sequences, read by position.
        """
        self.trail.saw(type_name, rows, index)


_current: ContextVar[Access | None] = ContextVar("hub_access", default=None)


@contextmanager
def serving(access: Access) -> Iterator[Access]:
    """Answer a request (or, in a test or benchmark, a direct execution) with ``access``."""
    token = _current.set(access)
    try:
        yield access
    finally:
        _current.reset(token)


def current() -> Access | None:
    return _current.get()


def sealer() -> Sealer:
    """The sealer of the store the request reads (global IDs and cursors exist only within a request)."""
    access = _current.get()
    if access is None:
        raise RuntimeError("global IDs and cursors are sealed per store; no request is being answered")
    return access.sealer


def reveals_pii() -> bool:
    access = _current.get()
    return access is not None and access.reveals_pii


def saw(type_name: str, rows: Iterable[Any], index: Mapping[str, int] | None = None) -> None:
    access = _current.get()
    if access is not None:
        access.saw(type_name, rows, index)
