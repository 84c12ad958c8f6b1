"""Operation-wide policies, one small extension each."""

from __future__ import annotations

from hub.schema.extensions.argument_errors import NameArgumentsInErrors
from hub.schema.extensions.guard import Guard
from hub.schema.extensions.lookahead import LookAhead
from hub.schema.extensions.mask_errors import MaskInternalErrors

__all__ = ["Guard", "LookAhead", "MaskInternalErrors", "NameArgumentsInErrors"]
