"""A connector: declared settings (secrets marked), the streams it provides, and a connection check."""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import ClassVar

from pydantic import BaseModel, ConfigDict

from connectors.framework.stream import Stream


class ConnectorSettings(BaseModel):
    """Settings a connector needs; fields typed ``SecretStr`` are secrets and are never printed."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Connector(ABC):
    """Reads one source system incrementally and maps it to the unified caliber; never writes to it."""

    name: ClassVar[str]
    settings_model: ClassVar[type[ConnectorSettings]]

    def __init__(self, settings: ConnectorSettings) -> None:
        self.settings = settings

    @classmethod
    @abstractmethod
    def from_location(cls, location: str) -> Connector:
        """A connector for a source given as one string (a database URL or a folder)."""

    @abstractmethod
    def streams(self) -> list[Stream]:
        """Every stream (source table) this connector provides, ready to read."""

    @abstractmethod
    def check(self) -> None:
        """Raise a :class:`~connectors.framework.errors.ConnectorError` saying what is wrong, or return."""

    def describe(self) -> str:
        """The connector and its settings with secrets masked, fit for logs."""
        shown = ", ".join(f"{key}={value}" for key, value in self.settings.model_dump().items())
        return f"{self.name}({shown})"

    def close(self) -> None:  # noqa: B027 - most connectors hold nothing to release
        """Release connections."""
