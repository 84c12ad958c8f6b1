"""Unified social credit codes (统一社会信用代码, GB 32100-2015) of employers and workshop operators.

The check character comes from ``stdnum.cn.uscc``. Its ``validate`` is not used: it demands digits in
the first two positions, while GB 32100 lets the registering authority be a letter (``N`` 农业 for
village collective economic organisations, which run many workshops; ``A``, ``Y``).
"""

from __future__ import annotations

import re

from stdnum.cn.uscc import calc_check_digit

from graph.caliber.errors import Invalid
from graph.caliber.normalize.text import blank, compact, missing

ELEMENT = "credit_code"
# Registering authority (1-9, A, N, Y), entity type, 6-digit region, 9-character organisation code and
# the check character, from an alphabet without I, O, Z, S and V.
_SHAPE = re.compile(r"[1-9ANY][1-9][0-9]{6}[0-9A-HJ-NP-RTUWXY]{10}")


def credit_code(raw: str | None) -> str:
    """The 18-character code, upper-case without spaces; blank is missing_required (the caller decides
    whether the element is optional)."""
    if blank(raw):
        raise missing(ELEMENT, raw)
    if not isinstance(raw, str):
        raise _invalid(raw, f"is a {type(raw).__name__}, not text")
    text = compact(raw).upper()
    if not _SHAPE.fullmatch(text):
        raise _invalid(raw, "does not have the code's 18-character layout and alphabet")
    expected = calc_check_digit(text)
    if text[17] != expected:
        raise _invalid(raw, f"ends in {text[17]!r} but its first 17 characters give check character {expected!r}")
    return text


def _invalid(raw: object, problem: str) -> Invalid:
    return Invalid(
        fault="credit_code",
        element=ELEMENT,
        value=raw,
        reason=f"credit code {raw!r} {problem}; expected a GB 32100-2015 unified social credit code",
    )
