"""Connector for the poverty-alleviation office's registry and follow-up database (扶贫办)."""

from connectors.framework import SqlConnector
from connectors.poverty.streams import STREAMS


class PovertyConnector(SqlConnector):
    name = "poverty"
    stream_types = STREAMS


__all__ = ["PovertyConnector"]
