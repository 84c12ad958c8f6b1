"""Unified social credit codes, against check characters computed here from GB 32100-2015."""

from __future__ import annotations

import pytest

from graph.caliber import Invalid, credit_code

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"


def check_character(body17: str) -> str:
    """GB 32100-2015: weights 3^i mod 31 over the 31-character alphabet."""
    total = sum(ALPHABET.index(c) * pow(3, position, 31) for position, c in enumerate(body17))
    return ALPHABET[(31 - total % 31) % 31]


ENTERPRISE = "91360703MA35KQ2B4"  # 9 工商 / 1 企业, registered in 赣州
VILLAGE_COLLECTIVE = "N2360721MF0012345"  # N 农业 / 2 村集体经济组织, e.g. a workshop operator


@pytest.mark.parametrize("body", [ENTERPRISE, VILLAGE_COLLECTIVE])
def test_a_valid_code_is_accepted(body: str) -> None:
    code = body + check_character(body)
    assert credit_code(code) == code


def test_spaces_case_and_full_width_are_normalized() -> None:
    code = ENTERPRISE + check_character(ENTERPRISE)
    full_width = "".join(chr(ord(c) + 0xFEE0) for c in code[:6]) + code[6:]
    assert credit_code(f" {code[:8]} {code[8:].lower()}\u3000") == code
    assert credit_code(full_width) == code


def test_a_wrong_check_character_is_a_credit_code_fault() -> None:
    right = check_character(ENTERPRISE)
    wrong = ENTERPRISE + ("0" if right != "0" else "1")
    with pytest.raises(Invalid, match=rf"'{wrong}' ends in '{wrong[-1]}' .*check character '{right}'") as caught:
        credit_code(wrong)
    assert (caught.value.fault, caught.value.element) == ("credit_code", "credit_code")


@pytest.mark.parametrize(
    "raw",
    [
        "91360703MA35KQ2B",  # 16 characters
        "91360703MA35KQ2BI5",  # I is not in the alphabet
        "913607O3MA35KQ2B45",  # a letter in the region digits
        "01360703MA35KQ2B45",  # 0 is no registering authority
    ],
)
def test_a_malformed_code_is_a_credit_code_fault(raw: str) -> None:
    with pytest.raises(Invalid, match="expected a GB 32100-2015 unified social credit code") as caught:
        credit_code(raw)
    assert caught.value.fault == "credit_code"


@pytest.mark.parametrize("raw", [None, "", " \u3000 "])
def test_blank_is_missing_required(raw: str | None) -> None:
    with pytest.raises(Invalid) as caught:
        credit_code(raw)
    assert caught.value.fault == "missing_required"
