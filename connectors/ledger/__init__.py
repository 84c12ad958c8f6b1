"""Connector for the villages' monthly follow-up ledgers: a folder of ``.xlsx`` workbooks."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any, ClassVar

from connectors.framework import (
    Column,
    Connector,
    ConnectorSettings,
    Field,
    RawColumns,
    RawRow,
    SourceUnreachable,
    Stream,
    coded,
    text,
)
from connectors.ledger.workbook import HEADERS, LedgerFile, LedgerFileError, read_rows
from connectors.poverty.streams import returned_events
from graph.caliber import Invalid, citizen_id, parse_date, yuan
from graph.records import FollowUpRecord, Provenance, Record, Rejection, VillageRecord

DEPARTMENT = "ledger"
PERIOD, VILLAGE, VILLAGE_NAME, ERROR = "_period", "_village", "_village_name", "_error"


def _cursor_of(path: Path) -> str:
    return datetime.fromtimestamp(int(path.stat().st_mtime)).strftime("%Y-%m-%d %H:%M:%S")


def _household_no(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return text(value)


def _as_is(value: Any) -> Any:
    return value


class FollowUpLedgers(Stream):
    """Every data row of every ledger; the cursor is the file's modification time."""

    name = "回访台账"
    primary_key = ("文件", "行号")
    cursor_column = "修改时间"
    record_type = FollowUpRecord
    columns = tuple(
        Column(header, {"序号": "integer", "月收入（元）": "number"}.get(header, "string")) for header in HEADERS
    )
    fields = {
        "citizen_id": Field("身份证号码", citizen_id, required=True),
        "period": Field(PERIOD, _as_is, required=True),
        "visit_date": Field("回访日期", parse_date, required=True),
        "status": Field("就业状态", coded(DEPARTMENT, "employment_status"), required=True),
        "income": Field("月收入（元）", yuan),
        "location": Field("务工地点"),
        "employer_name": Field("务工单位"),
        "visitor": Field("回访人"),
        "remarks": Field("备注"),
        "name": Field("姓名"),
        "household_no": Field("户编号", _household_no),
        "village_code": Field(VILLAGE, _as_is, required=True),
    }

    def __init__(self, folder: Path, source: str) -> None:
        self.folder = folder
        self.source = source

    def _files(self, since: str | None) -> list[tuple[str, Path]]:
        files = sorted((_cursor_of(path), path) for path in self.folder.glob("*.xlsx"))
        return [(cursor, path) for cursor, path in files if since is None or cursor >= since]

    def read(self, since: str | None = None, *, batch_size: int = 5000) -> Iterator[list[RawRow]]:
        batch: list[RawRow] = []
        for cursor, path in self._files(since):
            try:
                ledger = LedgerFile.from_path(path)
                village_name, rows = read_rows(ledger)
            except (LedgerFileError, OSError, ValueError, KeyError) as error:
                batch.append(RawRow(path.name, cursor, {ERROR: str(error)}))
                continue
            for number, values in rows:
                values[PERIOD], values[VILLAGE], values[VILLAGE_NAME] = ledger.period, ledger.village_code, village_name
                batch.append(RawRow(f"{path.name}:{number}", cursor, values))
                if len(batch) >= batch_size:
                    yield batch
                    batch = []
        if batch:
            yield batch

    def map_batch(self, rows: Sequence[RawRow], provenances: Sequence[Provenance]) -> list[list[Record] | Rejection]:
        readable = [i for i, row in enumerate(rows) if ERROR not in row.values]
        mapped = super().map_batch([rows[i] for i in readable], [provenances[i] for i in readable])
        results: list[list[Record] | Rejection] = [
            self._reject(row, Invalid(fault="unreadable_file", element="file", value=row.key, reason=row.values[ERROR]))
            if ERROR in row.values
            else []
            for row in rows
        ]
        for index, result in zip(readable, mapped, strict=True):
            results[index] = result
        return results

    def derive(self, columns: dict[str, list[Any]], raw: RawColumns) -> None:
        returned = returned_events(DEPARTMENT)
        labels = raw.column("就业状态")
        flags = {label: isinstance(label, str) and text(label) in returned for label in set(labels)}
        columns["returned"] = list(map(flags.__getitem__, labels))

    def companions(self, record: Record, row: RawRow) -> list[Record]:
        name = row.values.get(VILLAGE_NAME)
        return [VillageRecord(record.provenance, code=row.values[VILLAGE], name=name)] if name else []


class LedgerSettings(ConnectorSettings):
    folder: Path


class LedgerConnector(Connector):
    name = "ledger"
    settings_model: ClassVar[type[ConnectorSettings]] = LedgerSettings

    @classmethod
    def from_location(cls, location: str) -> LedgerConnector:
        return cls(LedgerSettings(folder=Path(location)))

    def streams(self) -> list[Stream]:
        return [FollowUpLedgers(self.settings.folder, self.name)]  # type: ignore[attr-defined]

    def check(self) -> None:
        folder: Path = self.settings.folder  # type: ignore[attr-defined]
        if not folder.is_dir():
            raise SourceUnreachable(
                f"ledger folder not found: {folder}",
                suggestion="point HUB_LEDGER_DIR (or --sources DIR with a ledgers/ folder) at the ledgers",
            )


__all__ = ["LedgerConnector"]
