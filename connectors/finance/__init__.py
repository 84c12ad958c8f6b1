"""Connector for the finance department's subsidy disbursement database (财政厅)."""

from connectors.finance.streams import STREAMS
from connectors.framework import SqlConnector


class FinanceConnector(SqlConnector):
    name = "finance"
    stream_types = STREAMS


__all__ = ["FinanceConnector"]
