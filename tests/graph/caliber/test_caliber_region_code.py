"""Region codes at a stated level, including the bureau's zero-padded 12-digit form."""

from __future__ import annotations

import pytest

from graph.caliber import Invalid, region_code


@pytest.mark.parametrize(
    ("raw", "level", "expected"),
    [
        ("36", "province", "36"),
        ("3607", "city", "3607"),
        ("360704", "county", "360704"),
        (360704, "county", "360704"),
        (" 360704\u3000", "county", "360704"),
        ("360704101", "township", "360704101"),
        ("360704101202", "village", "360704101202"),
        ("360704000000", "county", "360704"),
        ("360700000000", "city", "3607"),
        ("360704101000", "township", "360704101"),
        ("３６０７０４", "county", "360704"),
    ],
)
def test_codes_of_each_level(raw: str | int, level: str, expected: str) -> None:
    assert region_code(raw, level=level) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("raw", "level"),
    [
        ("36070", "county"),
        ("3607041", "county"),
        ("3607O4", "county"),
        ("360704101000", "county"),  # padding that is not all zeros
        ("360704101", "village"),
        ("360704101202000", "village"),
    ],
)
def test_wrong_length_or_characters_are_id_format(raw: str, level: str) -> None:
    with pytest.raises(Invalid, match=rf"{level} code '{raw}'.*expected") as caught:
        region_code(raw, level=level)  # type: ignore[arg-type]
    assert (caught.value.fault, caught.value.element) == ("id_format", "region_code")


def test_blank_is_missing_required() -> None:
    with pytest.raises(Invalid) as caught:
        region_code("  ", level="village")
    assert caught.value.fault == "missing_required"
