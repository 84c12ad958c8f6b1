"""The unified caliber (统一口径): the registry of data elements and codes, and the normalizers.

Department code values live only in the data files (``data/``) and in each department's connector.
"""

from __future__ import annotations

from graph.caliber.errors import FAULTS, CaliberDataError, Fault, Invalid
from graph.caliber.model import Code, Department, Element, ElementType, SourceMapping
from graph.caliber.normalize import (
    Period,
    birth_date_of,
    citizen_id,
    credit_code,
    fen_to_yuan,
    parse_date,
    parse_period,
    parse_timestamp,
    parse_timestamps,
    region_code,
    required_text,
    sex_of,
    yuan,
)
from graph.caliber.registry import Caliber, load_caliber, load_caliber_from

__all__ = [
    "FAULTS",
    "Caliber",
    "CaliberDataError",
    "Code",
    "Department",
    "Element",
    "ElementType",
    "Fault",
    "Invalid",
    "Period",
    "SourceMapping",
    "birth_date_of",
    "citizen_id",
    "credit_code",
    "fen_to_yuan",
    "load_caliber",
    "load_caliber_from",
    "parse_date",
    "parse_period",
    "parse_timestamp",
    "parse_timestamps",
    "region_code",
    "required_text",
    "sex_of",
    "yuan",
]
