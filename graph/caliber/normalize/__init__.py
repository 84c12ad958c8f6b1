"""Pure normalizers from departments' raw values to the unified caliber; each failure is an ``Invalid``."""

from __future__ import annotations

from graph.caliber.normalize.citizen_id import birth_date_of, citizen_id, sex_of
from graph.caliber.normalize.credit_code import credit_code
from graph.caliber.normalize.dates import parse_date, parse_timestamp, parse_timestamps
from graph.caliber.normalize.money import fen_to_yuan, yuan
from graph.caliber.normalize.period import Period, parse_period
from graph.caliber.normalize.region_code import region_code
from graph.caliber.normalize.text import required_text

__all__ = [
    "Period",
    "birth_date_of",
    "citizen_id",
    "credit_code",
    "fen_to_yuan",
    "parse_date",
    "parse_period",
    "parse_timestamp",
    "parse_timestamps",
    "region_code",
    "required_text",
    "sex_of",
    "yuan",
]
