"""Money: exact yuan with two decimals, fen from finance, and the amounts that must be quarantined."""

from __future__ import annotations

from decimal import Decimal

import pytest

from graph.caliber import Invalid, fen_to_yuan, yuan


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (3500, "3500.00"),
        ("3500", "3500.00"),
        (" 3500.5 ", "3500.50"),
        ("３５００", "3500.00"),
        (Decimal("1234.5"), "1234.50"),
        (0.1 + 0.2, "0.30"),  # read as 0.30000000000000004, never summed in binary
        (
            2.675,
            "2.68",
        ),  # half up on its decimal spelling; the binary float is 2.67499..., round() gives 2.67
        ("0", "0.00"),
        (".5", "0.50"),
    ],
)
def test_yuan_is_exact_with_two_decimals(raw: object, expected: str) -> None:
    amount = yuan(raw)  # type: ignore[arg-type]
    assert isinstance(amount, Decimal)
    assert str(amount) == expected


@pytest.mark.parametrize("raw", [-1, "-0.01", -3500.0, Decimal("-5")])
def test_negative_amounts_are_quarantined(raw: object) -> None:
    with pytest.raises(Invalid, match=r"is negative; expected zero or more") as caught:
        yuan(raw)  # type: ignore[arg-type]
    assert caught.value.fault == "negative_amount"


@pytest.mark.parametrize("raw", ["abc", "3,500", "1e3", "NaN", float("inf"), Decimal("NaN"), True, "12元"])
def test_non_numbers_are_bad_number(raw: object) -> None:
    with pytest.raises(Invalid, match=r"is not") as caught:
        yuan(raw)  # type: ignore[arg-type]
    assert caught.value.fault == "bad_number"


def test_fen_to_yuan_is_exact() -> None:
    assert str(fen_to_yuan(123456)) == "1234.56"
    assert str(fen_to_yuan(100)) == "1.00"
    assert str(fen_to_yuan(0)) == "0.00"
    assert str(fen_to_yuan("99")) == "0.99"
    assert sum(fen_to_yuan(1) for _ in range(10)) == Decimal("0.10")


@pytest.mark.parametrize(("raw", "fault"), [(-50, "negative_amount"), ("12.5", "bad_number"), (12.5, "bad_number")])
def test_fen_that_cannot_be_money(raw: object, fault: str) -> None:
    with pytest.raises(Invalid) as caught:
        fen_to_yuan(raw)  # type: ignore[arg-type]
    assert caught.value.fault == fault


@pytest.mark.parametrize("convert", [yuan, fen_to_yuan])
def test_blank_money_is_missing_required(convert: object) -> None:
    with pytest.raises(Invalid) as caught:
        convert(" ")  # type: ignore[operator]
    assert caught.value.fault == "missing_required"
