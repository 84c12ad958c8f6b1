"""Valid identifiers: citizen IDs (GB 11643), credit codes (GB 32100 over GB 11714), bank cards (Luhn).

Check characters come from python-stdnum; only the organisation code inside a credit code (GB 11714,
which stdnum does not cover) is computed here.
"""

from __future__ import annotations

from datetime import date
from random import Random

from stdnum import luhn
from stdnum.cn import ric, uscc

_ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
_FULL_WIDTH = str.maketrans("0123456789X", "０１２３４５６７８９Ｘ")


def id_check(first17: str) -> str:
    """GB 11643 check character of the first 17 digits."""
    return ric.calc_check_digit(first17 + "0")


def citizen_id(area: str, birth: date, order: int) -> str:
    """An 18-character ID: area code, birth date, 3-digit order code (odd for men), check character."""
    first17 = f"{area}{birth.year:04d}{birth.month:02d}{birth.day:02d}{order:03d}"
    return first17 + id_check(first17)


def legacy_id(citizen: str) -> str:
    """The 15-digit form issued before 1999: no century, no check character."""
    return citizen[:6] + citizen[8:17]


def lower_x(citizen: str) -> str:
    return citizen[:-1] + "x" if citizen.endswith("X") else citizen


def full_width(citizen: str) -> str:
    return citizen.translate(_FULL_WIDTH)


def spaced(citizen: str, rng: Random) -> str:
    """Spaces typed inside or around the ID (at most two, so it fits the sources' VARCHAR(20))."""
    choice = rng.randrange(4)
    if choice == 0:
        return f"{citizen[:6]} {citizen[6:14]} {citizen[14:]}"
    if choice == 1:
        return f"{citizen[:6]} {citizen[6:]}"
    if choice == 2:
        return f" {citizen}"
    return f"{citizen} "


def _org_check(body: str) -> str:
    total = sum(_char_value(char) * weight for char, weight in zip(body, _ORG_WEIGHTS, strict=True))
    check = 11 - total % 11
    return "X" if check == 10 else "0" if check == 11 else str(check)


def _char_value(char: str) -> int:
    return int(char) if char.isdigit() else ord(char) - 55


def credit_code(rng: Random, authority_type: str, area: str) -> str:
    """A unified social credit code: authority+type ('91' enterprise, '93' cooperative ...), area, org code."""
    body = "MA3" + "".join(rng.choice("0123456789ABCDEFGHJKLMNPQRTUWY") for _ in range(5))
    first17 = f"{authority_type}{area}{body}{_org_check(body)}"
    return first17 + uscc.calc_check_digit(first17)


def bank_card(prefix: str, number: int) -> str:
    """A 19-digit card number: 6-digit issuer prefix, 12 digits, Luhn check digit."""
    body = f"{prefix}{number % 10**12:012d}"
    return body + luhn.calc_check_digit(body)


def scramble(value: int, modulus: int) -> int:
    """A bijection of ``range(modulus)`` (modulus a power of ten): distinct inputs, distinct outputs."""
    return (value * 7_919_713 + 1_234_567) % modulus


def mobile(rng: Random) -> str:
    return (
        rng.choice(
            (
                "135",
                "136",
                "137",
                "138",
                "139",
                "150",
                "151",
                "152",
                "157",
                "158",
                "159",
                "182",
                "183",
                "187",
                "188",
                "130",
                "131",
                "132",
                "155",
                "156",
                "185",
                "186",
                "133",
                "153",
                "180",
                "181",
                "189",
                "177",
                "199",
            )
        )
        + f"{rng.randrange(10**8):08d}"
    )
