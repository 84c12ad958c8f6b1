"""A caliber data file that contradicts itself is refused at load time, naming the file and the key."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from importlib.resources import as_file, files
from pathlib import Path

import pytest

from graph.caliber import CaliberDataError, load_caliber_from

Edit = Callable[[str, str, str], None]


@pytest.fixture
def data(tmp_path: Path) -> Path:
    with as_file(files("graph.caliber") / "data") as shipped:
        return Path(shutil.copytree(shipped, tmp_path / "data"))


@pytest.fixture
def edit(data: Path) -> Edit:
    """Replace one exact piece of a data file's text."""

    def replace(name: str, old: str, new: str) -> None:
        path = data / name
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1, f"{old!r} is not unique in {name}"
        path.write_text(text.replace(old, new), encoding="utf-8")

    return replace


def test_the_unchanged_copy_loads(data: Path) -> None:
    assert load_caliber_from(data).version == "2024.1"


@pytest.mark.parametrize(
    ("name", "old", "new", "message"),
    [
        (
            "departments/hr.toml",
            '"11" = "OUT_OF_PROVINCE"',
            '"11" = "ABROAD"',
            r"departments/hr.toml: mappings.employment_status.values.'11': 'ABROAD' is not a code of "
            r"employment_status; expected one of \['FARMING'",
        ),
        (
            "departments/poverty.toml",
            'event = "RETURNED"',
            'event = "CAME_BACK"',
            r"departments/poverty.toml: mappings.employment_status.values.'返乡': event 'CAME_BACK' is not "
            r"an event of employment_status; expected one of \['RETURNED'\]",
        ),
        (
            "departments/finance.toml",
            '"GY01" = "PUBLIC_WELFARE_POST"',
            '"GY01 " = "PUBLIC_WELFARE_POST"',
            r"departments/finance.toml: mappings.subsidy_type.values.'GY01 ': "
            r"a source value with stray spaces never matches",
        ),
        (
            "departments/ledger.toml",
            'same_as = "poverty"',
            'same_as = "finance"',
            r"departments/ledger.toml: mappings.employment_status.same_as: 'finance' has no own mapping",
        ),
        (
            "departments/ledger.toml",
            "[mappings.employment_status]",
            "[mappings.employment]",
            r"departments/ledger.toml: mappings.employment: not a coded element; expected one of \[",
        ),
        (
            "departments/finance.toml",
            'version = "2024.1"',
            'version = "2024.2"',
            r"caliber data files disagree on version: .*departments/finance.toml '2024.2'",
        ),
        (
            "code_lists.toml",
            'code = "PRIMARY"\nzh = "小学"',
            'code = "PRIMARY"\nzh_name = "小学"',
            r"code_lists.toml: school_status.codes.1.zh: Field required .*school_status.codes.1.zh_name: "
            r"Unexpected keyword argument",
        ),
        (
            "code_lists.toml",
            'definition = "In primary school."\nis_student = true',
            'definition = "In primary school."',
            r"code_lists.toml: school_status.codes: is_student is missing on \['PRIMARY'\]; "
            r"expected it on every code",
        ),
        (
            "code_lists.toml",
            'code = "POOR"',
            'code = "LIFTED"',
            r"code_lists.toml: household_status.codes: code 'LIFTED' is repeated or malformed",
        ),
        (
            "elements.toml",
            'precedence = ["hr", "poverty", "ledger"]',
            'precedence = ["hr", "tax_bureau"]',
            r"elements.toml: monthly_income.precedence: unknown department 'tax_bureau'; expected one of \[",
        ),
        (
            "elements.toml",
            'type = "period"',
            'type = "month"',
            r"elements.toml: period.type: Input should be 'id', 'text', 'code', 'date', 'period' or 'money'",
        ),
    ],
)
def test_a_contradiction_is_refused_naming_file_and_key(
    data: Path, edit: Edit, name: str, old: str, new: str, message: str
) -> None:
    edit(name, old, new)
    with pytest.raises(CaliberDataError, match=message):
        load_caliber_from(data)


def test_unreadable_toml_names_the_file(data: Path) -> None:
    (data / "departments" / "hr.toml").write_text('version = "2024.1"\n[mappings\n', encoding="utf-8")
    with pytest.raises(CaliberDataError, match=r"departments/hr.toml: cannot be read as TOML"):
        load_caliber_from(data)
