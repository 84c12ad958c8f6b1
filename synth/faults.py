"""The six quarantinable fault classes and where each one is planted, table by table.

A faulted record carries exactly one fault, in a column the hub maps, never in its primary key or its
update-time cursor, so that the hub's quarantine and ``truth.json["bad_records"]`` can agree exactly.
``SITES`` is the whole plan; the lead and the connector authors can read it in one place.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from random import Random

from synth.identifiers import id_check

ID_CHECKSUM, ID_FORMAT, UNKNOWN_CODE = "id_checksum", "id_format", "unknown_code"
BAD_DATE, NEGATIVE_AMOUNT, MISSING_REQUIRED = "bad_date", "negative_amount", "missing_required"
FAULTS = (ID_CHECKSUM, ID_FORMAT, UNKNOWN_CODE, BAD_DATE, NEGATIVE_AMOUNT, MISSING_REQUIRED)


class NotApplicable(Exception):
    """This site cannot carry the fault for this record (e.g. no amount to make negative)."""


type Mutate = Callable[[object, str | None, Random], object]


def wrong_check_digit(canonical: str, draw: Random) -> str:
    """Same 17 digits (so a valid birth date), another check character."""
    right = canonical[-1]
    return canonical[:17] + draw.choice([c for c in "0123456789X" if c != right])


def wrong_format(canonical: str, draw: Random) -> str:
    """16, 17 or 19 characters, or a letter among the digits (never 15: that is a legacy ID)."""
    choice = draw.randrange(4)
    if choice == 0:
        return canonical[:14] + canonical[16:]
    if choice == 1:
        return canonical[:15] + canonical[16:]
    if choice == 2:
        return canonical + str(draw.randrange(10))
    return canonical[:15] + draw.choice("ABCDEFGH") + canonical[16:]


def _id(fault: str) -> Mutate:
    def mutate(value: object, canonical: str | None, draw: Random) -> object:
        if canonical is None or value is None:
            raise NotApplicable
        return wrong_check_digit(canonical, draw) if fault == ID_CHECKSUM else wrong_format(canonical, draw)

    return mutate


def _code(*junk: str) -> Mutate:
    def mutate(value: object, canonical: str | None, draw: Random) -> object:
        return draw.choice(junk)

    return mutate


def _negative(value: object, canonical: str | None, draw: Random) -> object:
    if not isinstance(value, int | float) or value <= 0:
        raise NotApplicable
    return -value


def _blank(nullable: bool = False, fixed_width: bool = False) -> Mutate:
    """Empty after trimming; CHAR columns get spaces (PostgreSQL pads '' to spaces anyway)."""
    choices = (None, "  ") if nullable else ("  ",) if fixed_width else ("  ", "")

    def mutate(value: object, canonical: str | None, draw: Random) -> object:
        return draw.choice(choices)

    return mutate


def _bad_date(shape: str) -> Mutate:
    """An impossible date or month in the column's own spelling."""

    def mutate(value: object, canonical: str | None, draw: Random) -> object:
        if not isinstance(value, str) or len(value) < 4:
            raise NotApplicable
        year = value[:4]
        pick = draw.randrange(2)
        match shape:
            case "YYYYMM":
                return year + ("13", "00")[pick]
            case "YYYYMMDD":
                return (f"{year}0230", f"{year}1305")[pick]
            case "YYYY-MM-DD":
                return (f"{year}-02-30", f"{year}-13-05")[pick]
            case "YYYY-MM":
                return f"{year}-13"
            case "YYYY/MM/DD":
                return (f"{year}/02/30", f"{year}/04/31")[pick]
        raise ValueError(f"date shape {shape!r}: expected YYYYMM, YYYYMMDD, YYYY-MM-DD, YYYY-MM or YYYY/MM/DD")

    return mutate


@dataclass(frozen=True, slots=True)
class Site:
    fault: str
    column: str
    mutate: Mutate


def _ids(column: str) -> tuple[Site, Site]:
    return Site(ID_CHECKSUM, column, _id(ID_CHECKSUM)), Site(ID_FORMAT, column, _id(ID_FORMAT))


SITES: dict[str, tuple[Site, ...]] = {
    "JY_LDLJYXX": (
        *_ids("SFZH"),
        Site(UNKNOWN_CODE, "JYZT", _code("77", "19", "80")),
        Site(BAD_DATE, "BGYF", _bad_date("YYYYMM")),
        Site(NEGATIVE_AMOUNT, "YSR", _negative),
        Site(MISSING_REQUIRED, "XM", _blank()),
        Site(MISSING_REQUIRED, "JYZT", _blank(fixed_width=True)),
    ),
    "JY_YGDW": (
        Site(UNKNOWN_CODE, "DWLX", _code("07", "05")),
        Site(MISSING_REQUIRED, "DWMC", _blank()),
    ),
    "JY_GYXGW": (
        *_ids("SFZH"),
        Site(BAD_DATE, "KSRQ", _bad_date("YYYYMMDD")),
        Site(NEGATIVE_AMOUNT, "YBT", _negative),
        Site(MISSING_REQUIRED, "GWMC", _blank()),
    ),
    "JY_PXJL": (
        *_ids("SFZH"),
        Site(UNKNOWN_CODE, "PXLX", _code("07", "11")),
        Site(BAD_DATE, "KSRQ", _bad_date("YYYYMMDD")),
        Site(MISSING_REQUIRED, "PXLX", _blank(fixed_width=True)),
    ),
    "JY_GWXX": (
        Site(BAD_DATE, "FBRQ", _bad_date("YYYYMMDD")),
        Site(MISSING_REQUIRED, "GWMC", _blank()),
    ),
    "PKH": (
        Site(UNKNOWN_CODE, "TPZT", _code("一般户", "待核实")),
        Site(MISSING_REQUIRED, "XZQH", _blank()),
    ),
    "PKHCY": (
        *_ids("ZJHM"),
        Site(UNKNOWN_CODE, "LDJN", _code("半劳力", "全劳力")),
        Site(BAD_DATE, "CSRQ", _bad_date("YYYY-MM-DD")),
        Site(MISSING_REQUIRED, "ZJHM", _blank(nullable=True)),
        Site(MISSING_REQUIRED, "XM", _blank()),
    ),
    "FPCJ": (
        Site(UNKNOWN_CODE, "ZT", _code("歇业", "筹建")),
        Site(BAD_DATE, "RDRQ", _bad_date("YYYY-MM-DD")),
        Site(MISSING_REQUIRED, "CJMC", _blank()),
    ),
    "HFJL": (
        *_ids("ZJHM"),
        Site(UNKNOWN_CODE, "JYQK", _code("打工", "外出", "其他")),
        Site(BAD_DATE, "HFRQ", _bad_date("YYYY-MM-DD")),
        Site(BAD_DATE, "HFYF", _bad_date("YYYY-MM")),
        Site(NEGATIVE_AMOUNT, "YSR", _negative),
        Site(MISSING_REQUIRED, "JYQK", _blank()),
        Site(MISSING_REQUIRED, "ZJHM", _blank()),
    ),
    "BT_FFMX": (
        *_ids("SKRZJHM"),
        *_ids("DXZJHM"),
        Site(UNKNOWN_CODE, "BTXM", _code("ZZ99", "GY02")),
        Site(BAD_DATE, "FFRQ", _bad_date("YYYY/MM/DD")),
        Site(BAD_DATE, "SSYF", _bad_date("YYYY-MM")),
        Site(NEGATIVE_AMOUNT, "JEF", _negative),
        Site(MISSING_REQUIRED, "BTXM", _blank()),
    ),
}


def inject(
    table: str,
    columns: Sequence[str],
    values: list[object],
    canonical: dict[str, str | None],
    draw: Random,
    avoid: frozenset[str] = frozenset(),
) -> str | None:
    """Plant one fault in ``values`` (in place); returns its class, or None if no site applies."""
    sites = [site for site in SITES.get(table, ()) if site.column not in avoid]
    if not sites:
        return None
    start = draw.randrange(len(sites))
    for offset in range(len(sites)):
        site = sites[(start + offset) % len(sites)]
        index = columns.index(site.column)
        try:
            values[index] = site.mutate(values[index], canonical.get(site.column), draw)
        except NotApplicable:
            continue
        return site.fault
    return None


def check_ok(citizen: str) -> bool:
    """Whether 18 characters carry a valid check character."""
    return len(citizen) == 18 and citizen[:17].isdigit() and id_check(citizen[:17]) == citizen[17]
