"""Citizen IDs as departments really write them, against check digits computed here from ISO 7064."""

from __future__ import annotations

from datetime import date

import pytest

from graph.caliber import Invalid, birth_date_of, citizen_id, sex_of


def check_digit(body17: str) -> str:
    """GB 11643 / ISO 7064 MOD 11-2, written out independently of the code under test."""
    total = sum(int(digit) * (2 ** (17 - position) % 11) for position, digit in enumerate(body17))
    return "10X98765432"[total % 11]


def valid_id(area: str = "360721", born: str = "19800101", *, ending: str | None = None) -> str:
    """A valid ID; with ``ending`` the first sequence number whose check digit is that character."""
    for sequence in range(1000):
        body = f"{area}{born}{sequence:03d}"
        if ending is None or check_digit(body) == ending:
            return body + check_digit(body)
    raise AssertionError(f"no sequence gives check digit {ending}")


def fault_of(raw: object) -> str:
    with pytest.raises(Invalid) as caught:
        citizen_id(raw)  # type: ignore[arg-type]
    return caught.value.fault


def test_a_valid_id_is_kept_as_it_is() -> None:
    id18 = valid_id()
    assert citizen_id(id18) == id18


def test_lower_case_x_is_upper_cased() -> None:
    id18 = valid_id(ending="X")
    assert citizen_id(id18.lower()) == id18
    assert citizen_id(id18[:-1] + "ｘ") == id18


def test_full_width_digits_are_made_half_width() -> None:
    id18 = valid_id()
    full_width = "".join(chr(ord(c) + 0xFEE0) for c in id18)
    assert citizen_id(full_width) == id18


@pytest.mark.parametrize(
    "spelling",
    [
        " {id} ",
        "{a} {b} {c}",
        "\u3000{a}\u3000{b}{c}\u3000",
        "{a}\t{b}\n{c}",
        "{a}\u00a0{b}{c}",
    ],
)
def test_spaces_anywhere_are_removed(spelling: str) -> None:
    id18 = valid_id()
    raw = spelling.format(id=id18, a=id18[:6], b=id18[6:14], c=id18[14:])
    assert citizen_id(raw) == id18


def test_a_legacy_15_digit_id_is_upgraded_with_a_computed_check_digit() -> None:
    body = "360721" + "19" + "800101123"
    assert citizen_id("360721800101123") == body + check_digit(body)


def test_an_abolished_or_unknown_area_code_is_never_a_reason_to_reject() -> None:
    ganxian = valid_id("360721")  # 赣县, a county until 2016
    nowhere = valid_id("369999")
    assert citizen_id(ganxian) == ganxian
    assert citizen_id(nowhere) == nowhere


def test_a_wrong_check_digit_is_quarantined_and_never_fixed() -> None:
    id18 = valid_id()
    wrong = id18[:-1] + ("0" if id18[-1] != "0" else "1")
    with pytest.raises(
        Invalid, match=rf"citizen ID '{wrong}' ends in '{wrong[-1]}' .*check digit '{id18[-1]}'"
    ) as caught:
        citizen_id(wrong)
    assert (caught.value.fault, caught.value.element, caught.value.value) == (
        "id_checksum",
        "citizen_id",
        wrong,
    )


def test_an_excel_integer_is_read_as_its_digits() -> None:
    id18 = valid_id()
    assert citizen_id(int(id18)) == id18


def test_an_excel_float_is_read_as_the_digits_excel_shows_then_judged_by_the_check_digit() -> None:
    # Excel keeps 15 significant digits: 360721198001011237 becomes 3.60721198001011E+17.
    read = "360721198001011000"
    assert check_digit(read[:17]) != read[17]
    with pytest.raises(Invalid, match=r"read as '360721198001011000'") as caught:
        citizen_id(3.60721198001011e17)
    assert caught.value.fault == "id_checksum"


def test_an_excel_float_of_a_legacy_id_is_upgraded() -> None:
    body = "36072119800101123"
    assert citizen_id(360721800101123.0) == body + check_digit(body)


@pytest.mark.parametrize(
    "raw",
    [
        "36072119800101123",  # 17 characters
        "3607211980010112377",  # 19
        "36072119800101A237",  # a letter inside
        "X60721198001011237",  # X not at the end
        "36072180010112",  # 14 digits
        3607211980010112,  # a 16-digit number
        360721198001011.5,  # not a whole number
        -360721198001011237,
    ],
)
def test_wrong_length_or_characters_are_id_format(raw: object) -> None:
    assert fault_of(raw) == "id_format"


@pytest.mark.parametrize("born", ["19800230", "19801301", "18991231", "19800100"])
def test_an_impossible_birth_date_is_id_format(born: str) -> None:
    body = f"360721{born}123"
    with pytest.raises(Invalid, match=rf"birth date '{born}' is not a real date") as caught:
        citizen_id(body + check_digit(body))
    assert caught.value.fault == "id_format"


def test_a_legacy_id_with_an_impossible_birth_date_is_id_format() -> None:
    assert fault_of("360721800230123") == "id_format"


@pytest.mark.parametrize("raw", [None, "", "   ", "\u3000"])
def test_blank_is_missing_required(raw: object) -> None:
    assert fault_of(raw) == "missing_required"


def test_birth_date_and_sex_come_from_the_id() -> None:
    man = "36072119491231013"  # 17th digit 3: odd
    woman = "36072119900228024"  # 17th digit 4: even
    assert birth_date_of(man + check_digit(man)) == date(1949, 12, 31)
    assert sex_of(man + check_digit(man)) == "M"
    assert birth_date_of(woman + check_digit(woman)) == date(1990, 2, 28)
    assert sex_of(woman + check_digit(woman)) == "F"
