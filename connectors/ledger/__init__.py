"""Connector for the villages' monthly follow-up ledgers: a folder of ``.xlsx`` workbooks."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import datetime
from pathlib import Path
from typing import Any, ClassVar

from connectors.framework import Column, Connector, ConnectorSettings, RawRow, SourceUnreachable, Stream
from connectors.framework.codes import coded
from connectors.framework.values import citizen_id, optional, required, text
from connectors.ledger.workbook import HEADERS, LedgerFile, LedgerFileError, read_rows
from graph.caliber import Invalid, load_caliber, parse_date, yuan
from graph.records import FollowUpRecord, Provenance, Record, VillageRecord

DEPARTMENT = "ledger"
FILE_KEY = "_file"
_status = coded(DEPARTMENT, "employment_status")


def _cursor_of(path: Path) -> str:
    return datetime.fromtimestamp(int(path.stat().st_mtime)).strftime("%Y-%m-%d %H:%M:%S")


def _household_no(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return text(value)


class FollowUpLedgers(Stream):
    """Every data row of every ledger; the cursor is the file's modification time."""

    name = "回访台账"
    primary_key = ("文件", "行号")
    cursor_column = "修改时间"
    produces = (FollowUpRecord, VillageRecord)
    columns = tuple(Column(header, "string" if header != "月收入（元）" else "number") for header in HEADERS)

    def __init__(self, folder: Path, source: str) -> None:
        self.folder = folder
        self.source = source

    def _files(self, since: str | None) -> list[tuple[str, Path]]:
        files = sorted((_cursor_of(path), path) for path in self.folder.glob("*.xlsx"))
        return [(cursor, path) for cursor, path in files if since is None or cursor >= since]

    def count(self, since: str | None = None) -> int | None:
        return None

    def read(self, since: str | None = None, *, batch_size: int = 5000) -> Iterator[list[RawRow]]:
        batch: list[RawRow] = []
        for cursor, path in self._files(since):
            try:
                ledger = LedgerFile.from_path(path)
                village_name, rows = read_rows(ledger)
            except (LedgerFileError, OSError, ValueError, KeyError) as error:
                batch.append(RawRow(path.name, cursor, {FILE_KEY: None, "error": str(error)}))
                continue
            for number, values in rows:
                values[FILE_KEY] = (ledger, village_name)
                batch.append(RawRow(f"{path.name}:{number}", cursor, values))
                if len(batch) >= batch_size:
                    yield batch
                    batch = []
        if batch:
            yield batch

    def map_values(self, values: Mapping[str, Any], provenance: Provenance) -> list[Record]:
        file_info = values[FILE_KEY]
        if file_info is None:
            raise Invalid(
                fault="unreadable_file", element="file", value=provenance.key, reason=values["error"]
            )
        ledger, village_name = file_info
        label = required(values, "就业状态", text)
        return [
            FollowUpRecord(
                provenance=provenance,
                citizen_id=required(values, "身份证号码", citizen_id),
                period=ledger.period,
                visit_date=required(values, "回访日期", parse_date),
                status=_status(label),
                returned=load_caliber().event_for(DEPARTMENT, "employment_status", label) == "RETURNED",
                income=optional(values, "月收入（元）", yuan),
                location=optional(values, "务工地点"),
                employer_name=optional(values, "务工单位"),
                visitor=optional(values, "回访人"),
                remarks=optional(values, "备注"),
                name=optional(values, "姓名"),
                household_no=optional(values, "户编号", _household_no),
                village_code=ledger.village_code,
            ),
            VillageRecord(provenance=provenance, code=ledger.village_code, name=village_name),
        ]


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
