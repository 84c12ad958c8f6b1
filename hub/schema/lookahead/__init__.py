"""Look-ahead execution of the hot operations: compile the selection, one query per level, JSON directly."""

from __future__ import annotations

from hub.schema.lookahead.executor import execute
from hub.schema.lookahead.plan import Unsupported

__all__ = ["Unsupported", "execute"]
