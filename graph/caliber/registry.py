"""The caliber registry: loaded once from the package's data files, then only looked up.

Connectors hold :meth:`Caliber.mapping` dicts on their hot path and fall back to :meth:`Caliber.map_code`
for a miss, which trims stray spaces and full-width forms and otherwise refuses: an unmapped source
value is quarantined with its element and value, never guessed.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from types import MappingProxyType
from typing import TYPE_CHECKING

from graph.caliber.errors import Invalid
from graph.caliber.files import read_caliber_files
from graph.caliber.normalize.text import half_width

if TYPE_CHECKING:
    from collections.abc import Mapping
    from importlib.resources.abc import Traversable

    from graph.caliber.model import Code, Department, Element, SourceMapping


@dataclass(frozen=True, slots=True)
class Caliber:
    version: str
    elements: Mapping[str, Element]
    _departments: Mapping[str, Department]

    def element(self, element: str) -> Element:
        found = self.elements.get(element)
        if found is None:
            raise LookupError(f"unknown caliber element {element!r}; expected one of {sorted(self.elements)}")
        return found

    def code_list(self, element: str) -> tuple[Code, ...]:
        """The allowed codes of ``element`` (empty for an element without a code list)."""
        return self.element(element).codes

    def employed_statuses(self) -> tuple[str, ...]:
        """The employment statuses that count as employed (就业务工; the ``is_employed`` flag)."""
        return tuple(code.code for code in self.code_list("employment_status") if code.is_employed)

    def precedence(self, element: str) -> tuple[str, ...]:
        """Departments in the order their statements of ``element`` win."""
        return self.element(element).precedence

    def departments(self) -> tuple[str, ...]:
        return tuple(self._departments)

    def department(self, name: str) -> Department:
        found = self._departments.get(name)
        if found is None:
            raise LookupError(f"unknown department {name!r}; expected one of {sorted(self._departments)}")
        return found

    def mapping(self, department: str, element: str) -> dict[str, str]:
        """Source value → caliber code, as a fresh dict the caller may keep (exact values only)."""
        return dict(self._mapping(department, element).codes)

    def map_code(self, department: str, element: str, value: str) -> str:
        """The caliber code of a source value; unmapped → ``Invalid(fault="unknown_code")``."""
        mapping = self._mapping(department, element)
        return mapping.codes[_source_value(mapping, department, value)]

    def event_for(self, department: str, element: str, value: str) -> str | None:
        """The event a source value records besides its code (``返乡`` → ``RETURNED``), if any."""
        mapping = self._mapping(department, element)
        return mapping.events.get(_source_value(mapping, department, value))

    def source_values(self, department: str, element: str, code: str) -> tuple[str, ...]:
        """The department's values that map to ``code``: what a developer looks up in GraphiQL."""
        return tuple(value for value, target in self._mapping(department, element).codes.items() if target == code)

    def _mapping(self, department: str, element: str) -> SourceMapping:
        mappings = self.department(department).mappings
        found = mappings.get(element)
        if found is None:
            raise LookupError(f"department {department!r} has no mapping of {element!r}; it maps {sorted(mappings)}")
        return found


def _source_value(mapping: SourceMapping, department: str, value: str) -> str:
    if value in mapping.codes:
        return value
    text = half_width(value if isinstance(value, str) else str(value)).strip()
    if text in mapping.codes:
        return text
    expected = ", ".join(repr(known) for known in mapping.codes)
    raise Invalid(
        fault="unknown_code",
        element=mapping.element,
        value=value,
        reason=f"{department} value {value!r} of {mapping.element} maps to no caliber code; expected one of {expected}",
    )


def load_caliber_from(folder: Traversable) -> Caliber:
    """A registry read from ``folder`` (elements.toml, code_lists.toml, departments/*.toml), checked."""
    version, elements, departments = read_caliber_files(folder)
    return Caliber(version, MappingProxyType(elements), MappingProxyType(departments))


@cache
def load_caliber() -> Caliber:
    """The registry shipped with the package, read once per process."""
    return load_caliber_from(files("graph.caliber") / "data")
