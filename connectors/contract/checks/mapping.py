"""*mapping coverage*: every source code value the connector's caliber mapping lists maps to a caliber code.

Three ways round: each value in the department's data file maps to a code of the element; each column
the data file names is read by a field that applies that mapping (so every listed value really
becomes its code); and each field carrying codes maps through the department's data file, never
through code values of its own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from connectors.contract.unified import CODE_FIELDS
from connectors.framework import Coded, Field, Stream
from graph.caliber import Caliber, Invalid, load_caliber

if TYPE_CHECKING:
    from connectors.contract.run import ContractRun
    from graph.caliber import Department

CHECK = "mapping_coverage"


def check_mapping_coverage(run: ContractRun) -> None:
    """The department's mappings are complete, applied where they say, and the only source of codes."""
    caliber = load_caliber()
    name = run.case.department_name
    with run.connector(CHECK) as connector:
        streams = connector.streams()
    code_fields = [
        (stream, field_name, spec)
        for stream in streams
        for field_name, spec in stream.fields.items()
        if isinstance(spec.normalize, Coded) or field_name in CODE_FIELDS.get(stream.record_type, {})
    ]
    if name not in caliber.departments():
        if code_fields:
            stream, field_name, _ = code_fields[0]
            raise run.violation(
                CHECK,
                f"field {field_name} carries codes but the caliber has no department {name!r}",
                expected=f"graph/caliber/data/departments/{name}.toml mapping the source's values to caliber codes",
                stream=stream.name,
            )
        return
    department = caliber.department(name)
    _values_map_to_codes(run, caliber, department)
    _columns_apply_their_mapping(run, department, {stream.name.lower(): stream for stream in streams})
    for stream, field_name, spec in code_fields:
        _field_uses_the_caliber(run, department, stream, field_name, spec)


def _values_map_to_codes(run: ContractRun, caliber: Caliber, department: Department) -> None:
    for element, mapping in department.mappings.items():
        codes = {code.code for code in caliber.code_list(element)}
        for value, code in mapping.codes.items():
            if code not in codes:
                raise run.violation(
                    CHECK,
                    f"the {department.name} value {value!r} of {element} maps to {code!r}",
                    expected=f"a code of {element}: one of {sorted(codes)}",
                )


def _columns_apply_their_mapping(run: ContractRun, department: Department, streams: dict[str, Stream]) -> None:
    for element, mapping in department.mappings.items():
        for column in mapping.columns:
            table, _, name = column.rpartition(".")
            stream = streams.get(table.lower())
            if stream is None:
                raise run.violation(
                    CHECK,
                    f"the caliber maps {element} in column {column}, but the connector has no stream {table!r}",
                    expected=f"a declared stream for every table the {department.name} data file names",
                )
            readers = [
                (field_name, spec) for field_name, spec in stream.fields.items() if spec.column.lower() == name.lower()
            ]
            if not readers:
                raise run.violation(
                    CHECK,
                    f"the caliber maps {element} in column {name}, but no field reads it",
                    expected=f"a Field({name!r}, coded({department.name!r}, {element!r}))",
                    stream=stream.name,
                )
            for field_name, spec in readers:
                for value, code in mapping.codes.items():
                    got = _normalized(spec, value)
                    if got != code:
                        raise run.violation(
                            CHECK,
                            f"field {field_name} reads {name}, which the caliber maps as {element}, but turns the "
                            f"{department.name} value {value!r} into {got!r}",
                            expected=f"{code!r}: map the column with coded({department.name!r}, {element!r})",
                            stream=stream.name,
                        )


def _field_uses_the_caliber(run: ContractRun, department: Department, stream: Stream, name: str, spec: Field) -> None:
    normalize = spec.normalize
    element = CODE_FIELDS.get(stream.record_type, {}).get(name)
    if not isinstance(normalize, Coded):
        raise run.violation(
            CHECK,
            f"field {name} carries {element} codes but maps {spec.column} with {normalize!r}, not the caliber",
            expected=f"Field({spec.column!r}, coded({department.name!r}, {element!r})) with the values in "
            f"graph/caliber/data/departments/{department.name}.toml",
            stream=stream.name,
        )
    if normalize.department != department.name or (element is not None and normalize.element != element):
        raise run.violation(
            CHECK,
            f"field {name} maps with {normalize!r}",
            expected=f"coded({department.name!r}, {(element or normalize.element)!r})",
            stream=stream.name,
        )
    column = f"{stream.name}.{spec.column}".lower()
    listed = department.mappings[normalize.element].columns
    if column not in {entry.lower() for entry in listed}:
        raise run.violation(
            CHECK,
            f"field {name} maps {spec.column} as {normalize.element}, but the {department.name} data file lists "
            f"only {list(listed)} for it",
            expected=f'"{stream.name}.{spec.column}" in mappings.{normalize.element}.columns, so the caliber '
            "shows where the department writes it",
            stream=stream.name,
        )


def _normalized(spec: Field, value: str) -> object:
    try:
        return spec.normalize(value)
    except (Invalid, ValueError, TypeError) as error:
        return f"an error ({error})"
