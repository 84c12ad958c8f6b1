"""Example connector: a bank's 一卡通 subsidy payment files (CSV, UTF-8 with BOM or GBK, Chinese headers).

The worked example of ``connectors/README.md``. It is not registered under ``hub.connectors``: a
deployment that receives such files registers it in its own package metadata.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from connectors.examples.bank_csv.csvfile import BankFileError, open_file
from connectors.examples.bank_csv.streams import BankPayments
from connectors.framework import Connector, ConnectorSettings, SourceSchemaMismatch, SourceUnreachable, Stream


class BankCsvSettings(ConnectorSettings):
    """The folder the bank's payment files are delivered to."""

    folder: Path


class BankCsvConnector(Connector):
    name = "bank"
    settings_model: ClassVar[type[ConnectorSettings]] = BankCsvSettings

    def __init__(self, settings: BankCsvSettings) -> None:
        super().__init__(settings)
        self.folder = settings.folder

    @classmethod
    def from_location(cls, location: str) -> BankCsvConnector:
        return cls(BankCsvSettings(folder=Path(location)))

    def streams(self) -> list[Stream]:
        return [BankPayments(self.folder, self.name)]

    def check(self) -> None:
        if not self.folder.is_dir():
            raise SourceUnreachable(
                f"bank payment folder not found: {self.folder}", suggestion="point the location at the delivery folder"
            )
        files = sorted(self.folder.glob("*.csv"))
        if not files:
            raise SourceSchemaMismatch(
                f"no bank payment files (*.csv) in {self.folder}", suggestion="is this the bank's delivery folder?"
            )
        for path in files:
            try:
                open_file(path)
            except BankFileError as error:
                raise SourceSchemaMismatch(str(error), suggestion="ask the bank to resend the file") from error


__all__ = ["BankCsvConnector", "BankCsvSettings"]
