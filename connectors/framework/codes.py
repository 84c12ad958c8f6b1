"""Code-list lookups bound to one department, for use as cell normalizers."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from graph.caliber import load_caliber


def coded(department: str, element: str) -> Callable[[Any], str]:
    """A normalizer mapping the department's value of ``element`` to the caliber code (unknown → Invalid)."""
    caliber = load_caliber()
    table = dict(caliber.mapping(department, element))

    def normalize(value: Any) -> str:
        code = table.get(value if isinstance(value, str) else str(value))
        if code is not None:
            return code
        return caliber.map_code(department, element, str(value))

    return normalize
