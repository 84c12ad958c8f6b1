"""Code-list lookups bound to one department, for use as cell normalizers."""

from __future__ import annotations

from typing import Any

from graph.caliber import load_caliber


class Coded:
    """Maps the department's values of ``element`` to caliber codes (unknown → Invalid).

    It is a named callable rather than a closure so the contract kit can see which department mapping
    stands behind a field and check that mapping's coverage.
    """

    __slots__ = ("_caliber", "_table", "department", "element")

    def __init__(self, department: str, element: str) -> None:
        self._caliber = load_caliber()
        self._table = dict(self._caliber.mapping(department, element))
        self.department = department
        self.element = element

    def __call__(self, value: Any) -> str:
        code = self._table.get(value if isinstance(value, str) else str(value))
        if code is not None:
            return code
        return self._caliber.map_code(self.department, self.element, str(value))

    def __repr__(self) -> str:
        return f"coded({self.department!r}, {self.element!r})"


def coded(department: str, element: str) -> Coded:
    """A normalizer mapping the department's value of ``element`` to the caliber code (unknown → Invalid)."""
    return Coded(department, element)
