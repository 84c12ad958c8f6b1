"""What a masked identifier keeps, and what free text loses, when a client lacks pii:read."""

from __future__ import annotations

import pytest

from hub.auth.masking import mask_account, mask_citizen_id, mask_phone, scrub
from hub.auth.sealing import Sealer


def test_masks_keep_enough_to_recognise() -> None:
    assert mask_citizen_id("36073219800101001X") == "3607**********001X"
    assert mask_citizen_id("360732800101001") == "3607*******1001"
    assert mask_phone("13026413388") == "130****3388"
    assert mask_phone("0797-8123456") == "079*****3456"  # a landline keeps its area code
    assert mask_account("6217990792062842800") == "***************2800"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("PKHCY:36073219800101001X", "PKHCY:3607**********001X"),
        ("JY_LDLJYXX:360732800101001:2024-05", "JY_LDLJYXX:3607*******1001:2024-05"),
        (
            '{"LXDH": "13026413388", "YHZH": "6217990792062842800"}',
            '{"LXDH": "130****3388", "YHZH": "***************2800"}',
        ),
        # a household number is a village code and a running number: nobody's identifier, left whole
        ("PKH:3607301012010001", "PKH:3607301012010001"),
        # region codes, dates, amounts and short keys are left alone
        (
            "360732100201 2024-01-12 3812.5 CJ36073020120501 1001",
            "360732100201 2024-01-12 3812.5 CJ36073020120501 1001",
        ),
    ],
)
def test_scrub_masks_identifier_shaped_runs_only(text: str, expected: str) -> None:
    assert scrub(text) == expected


def test_sealed_tokens_are_stable_opaque_and_unforgeable() -> None:
    sealer = Sealer(bytes(range(64)))
    token = sealer.seal("Laborer:36073219800101001X")
    assert token == sealer.seal("Laborer:36073219800101001X")
    assert "3607" not in token
    assert sealer.open(token) == "Laborer:36073219800101001X"
    assert sealer.open(token[:-2] + ("A" if token[-2] != "A" else "B") + token[-1]) is None
    assert Sealer(bytes(64)).open(token) is None  # another store's key opens nothing
    assert sealer.open("not a token!") is None
