"""The connector framework: declarative streams, SQL and file sources, typed errors."""

from connectors.framework.connector import Connector, ConnectorSettings
from connectors.framework.errors import ConnectorError, SourceSchemaMismatch, SourceUnreachable
from connectors.framework.sql import SqlConnector, SqlSettings, SqlStream, check_tables, open_read_only
from connectors.framework.stream import Column, RawRow, Stream

__all__ = [
    "Column",
    "Connector",
    "ConnectorError",
    "ConnectorSettings",
    "RawRow",
    "SourceSchemaMismatch",
    "SourceUnreachable",
    "SqlConnector",
    "SqlSettings",
    "SqlStream",
    "Stream",
    "check_tables",
    "open_read_only",
]
