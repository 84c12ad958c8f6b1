"""*spec*: the connector declares its settings (secrets marked, never printed) and its streams' schemas."""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING

from jsonschema import Draft202012Validator, SchemaError

from connectors.contract.reading import read_stream
from connectors.contract.secrets import (
    SECRET_NAME,
    annotation_is_secret,
    captured_logs,
    hint,
    leaked,
    sensitive_values,
)
from connectors.contract.violation import ContractViolation
from connectors.framework import Connector, ConnectorError, ConnectorSettings, Field, Stream
from graph.records import UNIFIED_RECORD_TYPES

if TYPE_CHECKING:
    from connectors.contract.run import ContractRun

CHECK = "spec"
NAME = re.compile(r"[a-z][a-z0-9_]*")
JSON_TYPES = frozenset({"string", "integer", "number", "boolean"})


def check_spec(run: ContractRun) -> None:
    """Settings, secrets and every stream's declaration are complete and consistent."""
    connector_type = run.case.connector_type
    if not (isinstance(connector_type, type) and issubclass(connector_type, Connector)):
        raise run.violation(CHECK, f"{connector_type!r} is not a Connector class", expected="a Connector subclass")
    if not isinstance(getattr(connector_type, "name", None), str) or not NAME.fullmatch(connector_type.name):
        raise run.violation(
            CHECK,
            f"the connector's name is {getattr(connector_type, 'name', None)!r}",
            expected="a lower-case identifier such as 'bank' (it names the source in provenance and quarantine)",
        )
    _check_settings_model(run)
    with run.connector(CHECK) as connector:
        _check_secrets(run, connector)
        streams = connector.streams()
        if not streams:
            raise run.violation(CHECK, "streams() is empty", expected="at least one declared stream")
        seen: set[str] = set()
        for stream in streams:
            _check_stream(run, stream, connector.name)
            if stream.name in seen:
                raise run.violation(
                    CHECK, "the stream name is declared twice", expected="unique names", stream=stream.name
                )
            seen.add(stream.name)


def _check_settings_model(run: ContractRun) -> None:
    model = getattr(run.case.connector_type, "settings_model", None)
    if not (isinstance(model, type) and issubclass(model, ConnectorSettings)):
        raise run.violation(CHECK, f"settings_model is {model!r}", expected="a ConnectorSettings subclass")
    for name, info in model.model_fields.items():
        if SECRET_NAME.search(name) and not annotation_is_secret(info.annotation):
            raise run.violation(
                CHECK,
                f"setting {name!r} is typed {info.annotation!r}, but a {name} may hold a credential",
                expected=f"{name}: SecretStr, so it is masked wherever the settings are printed",
            )


def _check_secrets(run: ContractRun, connector: Connector) -> None:
    """No secret in the connector's description or its settings' printed forms, nor in any log line."""
    if not isinstance(connector.settings, run.case.connector_type.settings_model):
        raise run.violation(
            CHECK,
            f"from_location() built settings of type {type(connector.settings).__name__}",
            expected=f"settings of the declared {run.case.connector_type.settings_model.__name__}",
        )
    secrets = sensitive_values(connector.settings, run.case.secrets)
    plain = json.dumps(connector.settings.model_dump(mode="json"), ensure_ascii=False)
    if found := leaked(plain, run.case.secrets):
        raise run.violation(
            CHECK,
            f"the secret {hint(found)} is held by a setting not typed SecretStr",
            expected="every credential in a SecretStr setting",
        )
    for where, shown in (
        ("describe()", lambda: connector.describe()),
        ("repr(settings)", lambda: repr(connector.settings)),
        ("str(settings)", lambda: str(connector.settings)),
        ("settings.model_dump_json()", lambda: connector.settings.model_dump_json()),
    ):
        if found := leaked(shown(), secrets):
            raise run.violation(
                CHECK, f"{where} shows the secret {hint(found)}", expected="secrets masked (SecretStr prints ****)"
            )
    with captured_logs() as messages:
        try:
            connector.check()
            for stream in connector.streams():
                read_stream(stream, check=CHECK, connector=connector.name, batch_size=50, limit=1)
        except (ConnectorError, ContractViolation) as error:  # reported by their own checks; scanned here
            messages.append(f"{type(error).__name__}: {error}")
    for message in messages:
        if found := leaked(message, secrets):
            raise run.violation(
                CHECK,
                f"a log line shows the secret {hint(found)}: {message.replace(found, '****')[:200]}",
                expected="no secret in any log line or error message",
            )


def _check_stream(run: ContractRun, stream: Stream, connector: str) -> None:
    name = getattr(stream, "name", None)
    if not isinstance(stream, Stream) or not isinstance(name, str) or not name:
        raise run.violation(CHECK, f"streams() holds {stream!r}", expected="Stream instances with a name")
    if stream.source != connector:
        raise run.violation(
            CHECK,
            f"the stream's source is {stream.source!r}",
            expected=f"{connector!r}, the connector's name (provenance and quarantine name it)",
            stream=name,
        )
    columns = [column.name for column in stream.columns]
    if not columns or len(set(columns)) != len(columns):
        raise run.violation(
            CHECK, f"columns are {columns}", expected="at least one column, each named once", stream=name
        )
    for column in stream.columns:
        if column.type not in JSON_TYPES:
            raise run.violation(
                CHECK,
                f"column {column.name} has type {column.type!r}",
                expected=f"one of {sorted(JSON_TYPES)}",
                stream=name,
            )
    declared = {column.name: column for column in stream.columns}
    if not stream.primary_key or not all(isinstance(key, str) and key for key in stream.primary_key):
        raise run.violation(
            CHECK, f"primary_key is {stream.primary_key!r}", expected="a tuple of column names", stream=name
        )
    for key in stream.primary_key:
        if key in declared and declared[key].nullable:
            raise run.violation(
                CHECK, f"primary key column {key} is declared nullable", expected="nullable=False", stream=name
            )
    cursor = stream.cursor_column
    if cursor is not None:
        if not isinstance(cursor, str) or not cursor:
            raise run.violation(CHECK, f"cursor_column is {cursor!r}", expected="a column name or None", stream=name)
        if cursor in declared and declared[cursor].nullable:
            raise run.violation(
                CHECK,
                f"cursor column {cursor} is declared nullable",
                expected="nullable=False: a row without a cursor is never read again after a first sync",
                stream=name,
            )
    _check_schema(run, stream, columns)
    _check_fields(run, stream, declared)


def _check_schema(run: ContractRun, stream: Stream, columns: list[str]) -> None:
    schema = stream.schema
    try:
        Draft202012Validator.check_schema(schema)
    except SchemaError as error:
        raise run.violation(
            CHECK, f"schema is not a JSON Schema: {error.message}", expected="a valid JSON Schema", stream=stream.name
        ) from error
    if sorted(schema.get("properties", {})) != sorted(columns):
        raise run.violation(
            CHECK,
            f"schema describes {sorted(schema.get('properties', {}))}",
            expected=f"exactly the declared columns {sorted(columns)}",
            stream=stream.name,
        )
    description = stream.describe()
    try:
        json.dumps(description, ensure_ascii=False)
    except TypeError as error:
        raise run.violation(
            CHECK, f"describe() is not JSON: {error}", expected="a JSON-serializable declaration", stream=stream.name
        ) from error
    if description.get("name") != stream.name or description.get("cursor") != stream.cursor_column:
        raise run.violation(
            CHECK,
            f"describe() says name {description.get('name')!r}, cursor {description.get('cursor')!r}",
            expected=f"name {stream.name!r}, cursor {stream.cursor_column!r}",
            stream=stream.name,
        )


def _check_fields(run: ContractRun, stream: Stream, declared: dict[str, object]) -> None:
    record_type = getattr(stream, "record_type", None)
    if record_type not in UNIFIED_RECORD_TYPES:
        raise run.violation(
            CHECK,
            f"record_type is {record_type!r}",
            expected="one of the unified records in graph.records",
            stream=stream.name,
        )
    if not stream.fields:
        raise run.violation(CHECK, "fields is empty", expected="how each record field is read", stream=stream.name)
    for field_name, spec in stream.fields.items():
        if not isinstance(spec, Field) or not callable(spec.normalize):
            raise run.violation(
                CHECK,
                f"field {field_name} is {spec!r}",
                expected="Field(column, normalizer, required)",
                stream=stream.name,
            )
        if spec.column not in declared and not spec.column.startswith("_"):
            raise run.violation(
                CHECK,
                f"field {field_name} reads column {spec.column!r}, which the stream does not declare",
                expected=f"one of {sorted(declared)} (or a value the stream derives, named with a leading '_')",
                stream=stream.name,
            )
