"""What the caliber registry holds: elements, their codes, and each department's mappings onto them.

The classes are plain frozen dataclasses; ``__pydantic_config__`` only tells the file loader to reject
keys it does not know, so a typo in a data file fails loudly instead of vanishing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import ClassVar, Literal

ElementType = Literal["id", "text", "code", "date", "period", "money"]
#: Flags a code list may carry; where a list uses one, every code in it states it.
FLAGS = ("is_laborer", "is_employed", "is_monitored", "is_student")


@dataclass(frozen=True, slots=True, kw_only=True)
class Code:
    """One allowed value of a coded element (or one event it can record)."""

    __pydantic_config__: ClassVar[dict[str, str]] = {"extra": "forbid"}

    code: str
    zh: str
    en: str
    definition: str
    is_laborer: bool | None = None
    is_employed: bool | None = None
    is_monitored: bool | None = None
    is_student: bool | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Element:
    """A data element of the unified caliber: what it means and who is authoritative for it."""

    __pydantic_config__: ClassVar[dict[str, str]] = {"extra": "forbid"}

    key: str
    zh: str
    en: str
    definition: str
    type: ElementType
    unit: str | None = None
    authority: str | None = None
    #: Departments in the order their statements win; the authority alone unless the data says more.
    precedence: tuple[str, ...] = ()
    codes: tuple[Code, ...] = ()
    events: tuple[Code, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class SourceMapping:
    """How one department writes one element: source value → caliber code, and any event it implies."""

    element: str
    columns: tuple[str, ...]
    codes: Mapping[str, str]
    events: Mapping[str, str]


@dataclass(frozen=True, slots=True, kw_only=True)
class Department:
    name: str
    zh: str
    en: str
    system: str
    mappings: Mapping[str, SourceMapping]
