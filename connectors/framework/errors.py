"""Connector failures, grouped by what the caller should do about them."""

from __future__ import annotations


class ConnectorError(Exception):
    """A connector cannot do its job; the message says what is wrong and what to do next."""

    def __init__(self, message: str, *, suggestion: str = "") -> None:
        self.suggestion = suggestion
        super().__init__(f"{message} — {suggestion}" if suggestion else message)


class SourceUnreachable(ConnectorError):
    """The source cannot be opened (wrong URL or path, bad credentials, server down): fatal for this run."""


class SourceSchemaMismatch(ConnectorError):
    """The source lacks a table or column the connector declares: fatal until the source is fixed."""
