"""The truth's own cell normalizers: citizen IDs, exact money, the villages' date spellings."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from synth.truth_findings.values import citizen_id, fen, ledger_date

GB_EXAMPLE = "11010519491231002X"  # the worked example of GB 11643-1999


@pytest.mark.parametrize(
    "raw",
    [
        GB_EXAMPLE,
        "11010519491231002x",
        " 110105 19491231 002X\u3000",
        "１１０１０５１９４９１２３１００２ｘ",
        "110105491231002",
        110105491231002,
        110105491231002.0,
    ],
)
def test_every_spelling_of_one_id_unifies(raw: object) -> None:
    assert citizen_id(raw) == GB_EXAMPLE


@pytest.mark.parametrize("raw", [None, "", " \u3000 "])
def test_a_blank_id_is_none(raw: object) -> None:
    assert citizen_id(raw) is None


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("110105194912310021", "check digit 1, expected X"),
        (3.6073219750107e17, "check digit"),
        ("11010519491231002", "expected 18 characters"),
        ("110105194913310021", "birth date 19491331 is not a date"),
    ],
)
def test_an_id_that_does_not_normalize_says_why(raw: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        citizen_id(raw)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (3000, 300000),
        (700.004, 70000),
        (343.005, 34301),
        (0.285, 29),
        (" 3800 ", 380000),
        ("１２.５", 1250),
        (None, None),
    ],
)
def test_money_is_exact_fen_rounded_half_up_from_the_written_decimal(raw: object, expected: int | None) -> None:
    assert fen(raw) == expected


@pytest.mark.parametrize("raw", ["三千", True, "nan"])
def test_money_that_is_not_a_number_says_so(raw: object) -> None:
    with pytest.raises(ValueError, match="number of yuan"):
        fen(raw)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (datetime(2024, 5, 21, 9, 30), "2024-05-21"),
        (date(2024, 5, 21), "2024-05-21"),
        (45292, "2024-01-01"),
        (" 2024-05-21 ", "2024-05-21"),
        ("2024.05.21", "2024-05-21"),
        ("2024年5月2日", "2024-05-02"),
        ("2024年05月21日", "2024-05-21"),
        (None, None),
    ],
)
def test_ledger_dates_in_every_form_the_villages_use(raw: object, expected: str | None) -> None:
    assert ledger_date(raw) == expected


@pytest.mark.parametrize("raw", ["2024-02-30", "5月21日", "20240521"])
def test_a_ledger_date_that_is_not_a_date_says_which_forms_are_expected(raw: str) -> None:
    with pytest.raises(ValueError, match="expected an Excel date or YYYY-MM-DD"):
        ledger_date(raw)
