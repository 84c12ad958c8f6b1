"""A finance connector without the known fund-source defect, so each broken variant has exactly one defect."""

from __future__ import annotations

from typing import ClassVar

from connectors.finance import FinanceConnector
from connectors.finance.streams import Payments
from connectors.framework import Field, coded


class SoundPayments(Payments):
    """Finance's payments with the fund source mapped through the caliber (see tests/contract/known.py)."""

    fields: ClassVar[dict[str, Field]] = {
        **Payments.fields,
        "fund_source": Field("ZJLY", coded("finance", "fund_source")),
    }


def finance_with(stream: type[Payments]) -> type[FinanceConnector]:
    """A finance connector whose one stream is ``stream``."""
    return type(f"{stream.__name__}Finance", (FinanceConnector,), {"stream_types": (stream,)})
