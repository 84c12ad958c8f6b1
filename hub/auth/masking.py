"""Masks for personal identifiers: enough left to recognise a value, not enough to use it.

A citizen ID keeps its first four and last four characters (``3607**********123X``: the prefecture and
the check digit a clerk compares against a paper form), a phone its network prefix and last four, a
bank account its last four. Free text that may carry identifiers (a source row's key, a refused value,
a conflicting assertion) is scrubbed of anything shaped like one.
"""

from __future__ import annotations

import re
from functools import cache

from graph.regions import load_region_tree

_STAR = "*"


def _keep(value: str, head: int, tail: int) -> str:
    if len(value) <= head + tail:
        return _STAR * len(value)
    return value[:head] + _STAR * (len(value) - head - tail) + value[len(value) - tail :]


def mask_citizen_id(value: str) -> str:
    return _keep(value, 4, 4)


def mask_phone(value: str) -> str:
    digits = sum(character.isdigit() for character in value)
    return _keep(value, 3, 4) if digits >= 11 else _keep(value, 0, 4)


def mask_account(value: str) -> str:
    return _keep(value, 0, 4)


#: Runs of digits that may be identifiers: 15 to 19 digits (old and new citizen IDs, bank accounts, with
#: an ID's X), and 11-digit mobile numbers. Shorter runs (region codes, dates, amounts) are left alone.
_IDENTIFIER = re.compile(r"(?<![0-9])(?:[0-9]{17}[0-9Xx]|[0-9]{15,19}|1[3-9][0-9]{9})(?![0-9Xx])")


@cache
def _is_village(code: str) -> bool:
    return load_region_tree().is_known(code)


def _scrub_match(match: re.Match[str]) -> str:
    run = match.group()
    if len(run) == 16 and _is_village(run[:12]):
        return run  # a household number: a village code and a running number, no one's identifier
    if len(run) == 11:
        return mask_phone(run)
    if len(run) in (15, 18):
        return mask_citizen_id(run)
    return mask_account(run)


def scrub(text: str) -> str:
    """``text`` with every identifier-shaped run of digits masked."""
    return _IDENTIFIER.sub(_scrub_match, text)
