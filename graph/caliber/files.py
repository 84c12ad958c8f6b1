"""Reading the caliber's TOML data files and refusing any that contradict themselves.

The files' shape is checked by pydantic, the cross-references (codes, events, departments, shared
mappings) here; every error names the file, the key and what was expected.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import replace
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict, TypeAdapter, ValidationError

from graph.caliber.errors import CaliberDataError
from graph.caliber.model import FLAGS, Code, Department, Element, SourceMapping

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

ELEMENT_FILES = ("elements.toml", "code_lists.toml")
DEPARTMENTS_FOLDER = "departments"
_CODE = re.compile(r"[A-Z][A-Z0-9_]{0,31}")
_ELEMENT = TypeAdapter(Element)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _MappedValue(_Strict):
    code: str
    event: str


class _MappingTable(_Strict):
    columns: tuple[str, ...]
    values: dict[str, str | _MappedValue] = {}
    same_as: str | None = None


class _DepartmentFile(_Strict):
    version: str
    name: str
    zh: str
    en: str
    system: str
    mappings: dict[str, _MappingTable]


_DEPARTMENT_FILE = TypeAdapter(_DepartmentFile)


def read_caliber_files(folder: Traversable) -> tuple[str, dict[str, Element], dict[str, Department]]:
    """The version, elements and departments of a data folder, all checked against each other."""
    versions: dict[str, str] = {}
    raw_elements: dict[str, tuple[str, Element]] = {}
    for name in ELEMENT_FILES:
        data = _toml(folder / name, name)
        versions[name] = _version(data, name)
        for key, table in data.items():
            if key in raw_elements:
                raise CaliberDataError(f"{name}: {key}: element already defined in {raw_elements[key][0]}")
            raw_elements[key] = (name, _parse(name, key, _ELEMENT, {"key": key, **_table(name, key, table)}))
    files: dict[str, _DepartmentFile] = {}
    for path in sorted(folder.joinpath(DEPARTMENTS_FOLDER).iterdir(), key=lambda p: p.name):
        if path.name.endswith(".toml"):
            name = f"{DEPARTMENTS_FOLDER}/{path.name}"
            parsed = _parse(name, "", _DEPARTMENT_FILE, _toml(path, name))
            versions[name] = parsed.version
            if parsed.name != path.name.removesuffix(".toml"):
                raise CaliberDataError(f"{name}: name: {parsed.name!r} differs from the file name; expected them equal")
            files[parsed.name] = parsed
    if len(set(versions.values())) > 1:
        found = ", ".join(f"{file} {version!r}" for file, version in versions.items())
        raise CaliberDataError(f"caliber data files disagree on version: {found}; expected one version")
    elements = {key: _checked_element(file, element, files) for key, (file, element) in raw_elements.items()}
    return next(iter(versions.values())), elements, _departments(elements, files)


def _toml(path: Traversable, name: str) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise CaliberDataError(f"{name}: cannot be read as TOML: {error}") from None


def _version(data: dict[str, Any], name: str) -> str:
    version = data.pop("version", None)
    if not isinstance(version, str) or not version:
        raise CaliberDataError(f'{name}: version: {version!r} is not a version; expected text such as "2024.1"')
    return version


def _table(name: str, key: str, table: object) -> dict[str, Any]:
    if not isinstance(table, dict) or "key" in table:
        raise CaliberDataError(
            f"{name}: {key}: {table!r} is not an element table; expected [{key}] with its fields (its name is its key)"
        )
    return table


def _parse[T](name: str, key: str, adapter: TypeAdapter[T], data: dict[str, Any]) -> T:
    try:
        return adapter.validate_python(data)
    except ValidationError as error:
        problems = "; ".join(
            f"{'.'.join(str(part) for part in (key, *problem['loc']) if part != '')}: {problem['msg']} "
            f"(found {problem['input']!r})"
            for problem in error.errors(include_url=False)
        )
        raise CaliberDataError(f"{name}: {problems}") from None


def _checked_element(name: str, element: Element, departments: dict[str, _DepartmentFile]) -> Element:
    key = element.key
    if (element.type == "code") != bool(element.codes):
        raise CaliberDataError(
            f"{name}: {key}: type {element.type!r} with {len(element.codes)} codes; "
            'expected codes exactly when the type is "code"'
        )
    if element.events and not element.codes:
        raise CaliberDataError(f"{name}: {key}.events: events need a code list; expected none here")
    for kind, codes in (("codes", element.codes), ("events", element.events)):
        _check_codes(name, f"{key}.{kind}", codes)
    known = sorted(departments)
    for where, department in [
        ("authority", element.authority),
        *(("precedence", d) for d in element.precedence),
    ]:
        if department is not None and department not in departments:
            raise CaliberDataError(f"{name}: {key}.{where}: unknown department {department!r}; expected one of {known}")
    if not element.precedence:
        return replace(element, precedence=(element.authority,) if element.authority else ())
    if len(set(element.precedence)) != len(element.precedence) or (
        element.authority is not None and element.precedence[0] != element.authority
    ):
        raise CaliberDataError(
            f"{name}: {key}.precedence: {list(element.precedence)} must list each department "
            f"once, the authority {element.authority!r} first"
        )
    return element


def _check_codes(name: str, where: str, codes: tuple[Code, ...]) -> None:
    seen: set[str] = set()
    for code in codes:
        if not _CODE.fullmatch(code.code) or code.code in seen:
            raise CaliberDataError(
                f"{name}: {where}: code {code.code!r} is repeated or malformed; expected a "
                "unique upper-case identifier of at most 32 characters"
            )
        seen.add(code.code)
    for flag in FLAGS:
        stated = [getattr(code, flag) is not None for code in codes]
        if any(stated) and not all(stated):
            missing = [code.code for code, has in zip(codes, stated, strict=True) if not has]
            raise CaliberDataError(f"{name}: {where}: {flag} is missing on {missing}; expected it on every code")


def _departments(elements: dict[str, Element], files: dict[str, _DepartmentFile]) -> dict[str, Department]:
    """Each department's own mappings checked first; a ``same_as`` then reuses the one it names."""
    own: dict[str, dict[str, SourceMapping]] = {}
    for name, file in files.items():
        where = f"{DEPARTMENTS_FOLDER}/{name}.toml"
        own[name] = {}
        for key, table in file.mappings.items():
            element = elements.get(key)
            if element is None or not element.codes:
                coded = sorted(k for k, e in elements.items() if e.codes)
                raise CaliberDataError(f"{where}: mappings.{key}: not a coded element; expected one of {coded}")
            if table.same_as is None:
                if not table.values:
                    raise CaliberDataError(f'{where}: mappings.{key}: no values; expected value = "CODE" lines')
                own[name][key] = _mapping(where, element, table.columns, table.values)
            elif table.values:
                raise CaliberDataError(f"{where}: mappings.{key}: both same_as and values; expected one of them")
    departments = {}
    for name, file in files.items():
        mappings = dict(own[name])
        for key, table in file.mappings.items():
            if table.same_as is not None:
                shared = own.get(table.same_as, {}).get(key)
                if shared is None:
                    raise CaliberDataError(
                        f"{DEPARTMENTS_FOLDER}/{name}.toml: mappings.{key}.same_as: {table.same_as!r} has no "
                        f"own mapping of {key}; expected a department that maps it with values"
                    )
                mappings[key] = replace(shared, columns=table.columns)
        departments[name] = Department(
            name=name, zh=file.zh, en=file.en, system=file.system, mappings=MappingProxyType(mappings)
        )
    return departments


def _mapping(
    where: str, element: Element, columns: tuple[str, ...], values: dict[str, str | _MappedValue]
) -> SourceMapping:
    allowed = {code.code for code in element.codes}
    allowed_events = {event.code for event in element.events}
    codes: dict[str, str] = {}
    events: dict[str, str] = {}
    for value, target in values.items():
        at = f"{where}: mappings.{element.key}.values.{value!r}"
        code, event = (target, None) if isinstance(target, str) else (target.code, target.event)
        if not value or value != value.strip():
            raise CaliberDataError(f"{at}: a source value with stray spaces never matches; expected it trimmed")
        if code not in allowed:
            raise CaliberDataError(f"{at}: {code!r} is not a code of {element.key}; expected one of {sorted(allowed)}")
        if event is not None and event not in allowed_events:
            raise CaliberDataError(
                f"{at}: event {event!r} is not an event of {element.key}; expected one of {sorted(allowed_events)}"
            )
        codes[value] = code
        if event is not None:
            events[value] = event
    return SourceMapping(
        element=element.key, columns=columns, codes=MappingProxyType(codes), events=MappingProxyType(events)
    )
