"""Connector for the HR department's employment monitoring database (人社厅 就业监测信息系统)."""

from connectors.framework import SqlConnector
from connectors.hr.streams import STREAMS


class HrConnector(SqlConnector):
    name = "hr"
    stream_types = STREAMS


__all__ = ["HrConnector"]
