"""A sync maps batches column by column (``map_columns``); the result must be the records ``map_batch`` builds."""

from __future__ import annotations

from datetime import datetime

import pytest

from connectors.framework import RawColumns
from connectors.hr.streams import EmploymentRecords, MinimumWages
from connectors.poverty.streams import FollowUps
from graph.caliber import Invalid, parse_timestamp, parse_timestamps
from graph.caliber.normalize.dates import parse_timestamp_column
from graph.records import Provenance, Rejection


def _employment(row_id: int, citizen_id: str, status: str, stamp: str) -> tuple[object, ...]:
    return (row_id, citizen_id, "张三", "1", "360732", status, "广东", None, None, 5000, "202401", None, stamp)


def _raw(stream_type: type, rows: list[tuple[object, ...]]) -> RawColumns:
    names = [column.name for column in stream_type.columns]
    values = dict(zip(names, zip(*rows, strict=True), strict=True))
    keys = ["|".join(str(values[name][i]) for name in stream_type.primary_key) for i in range(len(rows))]
    cursor = stream_type.cursor_column
    return RawColumns(keys, list(values[cursor]) if cursor else [None] * len(rows), values)


def _by_rows(stream: object, raw: RawColumns) -> list[object]:
    rows = raw.as_rows()
    provenances = [Provenance(stream.source, stream.name, row.key, stream.updated_at(row)) for row in rows]
    return stream.map_batch(rows, provenances)


@pytest.mark.parametrize("stream_type", [EmploymentRecords, MinimumWages])
def test_columns_hold_the_records_map_batch_builds(stream_type: type) -> None:
    stream = stream_type(None, "hr")
    if stream_type is EmploymentRecords:
        rows = [
            _employment(1, "360732198001011236", "11", "20240205090000"),
            _employment(2, "360732198001011236", "77", "20240205090001"),  # unknown code: rejected
            _employment(3, "36073219800101123X", "11", "20240205090002"),  # bad checksum: rejected
            _employment(4, "360732198001011236", "11", "20240205090003"),
        ]
    else:
        rows = [("360732", "一类", 1850, "2023-01-01"), ("999999", "一类", 1850, "2023-01-01")]
    raw = _raw(stream_type, rows)
    columns, rejections = stream.map_columns(raw)
    expected = _by_rows(stream, raw)
    assert [[record] for record in columns.records()] == [e for e in expected if not isinstance(e, Rejection)]
    assert rejections == [e for e in expected if isinstance(e, Rejection)]
    assert rejections, "the batch should exercise quarantine"


def test_derived_columns_match_row_by_row() -> None:
    stream = FollowUps(None, "poverty")
    stamp = "2024-02-05 09:00:00"
    rows = [
        (1, "360732198001011236", "2024-01", "2024-01-20", "2024-01-21", label, None, 3000.5, None, "李四", None, stamp)
        for label in ("返乡", "外出务工", "  返乡 ", "返乡")
    ]
    raw = _raw(FollowUps, rows)
    columns, rejections = stream.map_columns(raw)
    expected = _by_rows(stream, raw)
    assert [[record] for record in columns.records()] == [e for e in expected if not isinstance(e, Rejection)]
    assert rejections == [e for e in expected if isinstance(e, Rejection)]
    assert any(record.returned for record in columns.records())


@pytest.mark.parametrize(
    "values",
    [
        ["2024-01-11 15:46:03", "2024-02-29 00:00:00"],
        ["20240111154603", "20231231235959"],
        ["2024-01-11 15:46:03", " 2024-01-11 15:46:04"],
        [datetime(2024, 1, 1), "2024-01-11 15:46:03"],
        ["2024-01-11 15:46:03\n2024-01-11 15:46:0", "0"],
        ["２０２４-01-11 15:46:03"],
        ["2024-02-30 15:46:03"],
        ["20241311154603"],
        ["20240111154603", "2024011115460X"],
        ["20240111154603", "202401111546\n3"],
        ["2024-01-11T15:46:03"],
    ],
)
def test_a_column_of_timestamps_parses_as_each_value_does(values: list[object]) -> None:
    def one(value: object) -> object:
        try:
            return parse_timestamp(value)  # type: ignore[arg-type]
        except Invalid as invalid:
            return invalid.reason

    expected = [one(value) for value in values]
    try:
        assert parse_timestamps(values) == expected  # type: ignore[arg-type]
    except Invalid as invalid:
        assert invalid.reason in expected


@pytest.mark.parametrize(
    "values",
    [
        ["2024-01-11 15:46:03", "2024-02-29 00:00:00"],
        ["20240111154603", "20231231235959"],
        ["2024-01-11 15:46:03", " 2024-01-11 15:46:04"],
        ["2024-02-30 15:46:03"],
        ["20240111154603", "2024011115460X"],
    ],
)
def test_update_times_kept_as_text_are_stored_as_their_parsed_times_are(values: list[str]) -> None:
    """A SQLite store takes the texts instead of formatting each parsed time: they must say the same."""
    try:
        parsed, texts = parse_timestamp_column(values)
    except Invalid:
        return
    if texts is not None:
        assert [f"{text}.000000" for text in texts] == [time.isoformat(" ", "microseconds") for time in parsed]
