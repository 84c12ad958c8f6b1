"""The connector framework: declarative streams, SQL and file sources, typed errors."""

from connectors.framework.codes import Coded, coded
from connectors.framework.connector import Connector, ConnectorSettings
from connectors.framework.errors import ConnectorError, SourceSchemaMismatch, SourceUnreachable
from connectors.framework.sql import SqlConnector, SqlSettings, SqlStream, check_tables, open_read_only
from connectors.framework.stream import Column, Field, RawColumns, RawRow, Stream, account, text

__all__ = [
    "Coded",
    "Column",
    "Connector",
    "ConnectorError",
    "ConnectorSettings",
    "Field",
    "RawColumns",
    "RawRow",
    "SourceSchemaMismatch",
    "SourceUnreachable",
    "SqlConnector",
    "SqlSettings",
    "SqlStream",
    "Stream",
    "account",
    "check_tables",
    "coded",
    "open_read_only",
    "text",
]
