"""Required text and the quarantine error every normalizer raises."""

from __future__ import annotations

import pickle

import pytest

from graph.caliber import FAULTS, Invalid, required_text


def test_required_text_is_trimmed_of_every_kind_of_space() -> None:
    assert required_text(" 张小明\u3000", "name") == "张小明"
    assert required_text("\t王 芳\n", "name") == "王 芳"


@pytest.mark.parametrize("raw", [None, "", "\u3000 \t"])
def test_empty_required_text_names_the_element(raw: str | None) -> None:
    with pytest.raises(
        Invalid, match=r"name is required but empty \(.* after trimming spaces\); expected a value"
    ) as caught:
        required_text(raw, "name")
    assert (caught.value.fault, caught.value.element, caught.value.value) == ("missing_required", "name", raw)


def test_the_quarantine_faults_are_the_generator_faults_plus_ours() -> None:
    generator = {
        "id_checksum",
        "id_format",
        "unknown_code",
        "bad_date",
        "negative_amount",
        "missing_required",
    }
    assert generator <= FAULTS
    assert FAULTS - generator == {"credit_code", "bad_number", "unreadable_file"}


def test_an_unknown_fault_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown quarantine fault 'typo'; expected one of bad_date"):
        Invalid(fault="typo", element="x", value=1, reason="r")  # type: ignore[arg-type]


def test_invalid_survives_pickling_for_process_pools() -> None:
    error = Invalid(fault="bad_date", element="HFRQ", value="2024-02-30", reason="date '2024-02-30' is not real")
    copy = pickle.loads(pickle.dumps(error))
    assert (copy.fault, copy.element, copy.value, str(copy)) == (
        "bad_date",
        "HFRQ",
        "2024-02-30",
        "date '2024-02-30' is not real",
    )
