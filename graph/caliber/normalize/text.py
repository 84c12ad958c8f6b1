"""Text clean-up every normalizer shares: full-width forms, stray spaces, required elements."""

from __future__ import annotations

from graph.caliber.errors import Invalid

#: Full-width ASCII forms (U+FF01–FF5E) and the ideographic space → their half-width forms.
HALF_WIDTH = str.maketrans({chr(c): chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)} | {"\u3000": " "})


def half_width(raw: str) -> str:
    """``raw`` with full-width letters, digits and spaces made half-width (ASCII text returned as is)."""
    return raw if raw.isascii() else raw.translate(HALF_WIDTH)


def compact(raw: str) -> str:
    """Half-width and without any whitespace, inside or around (U+3000 and no-break spaces included)."""
    return "".join(half_width(raw).split())


def blank(raw: object) -> bool:
    """None, or text that is empty after trimming."""
    return raw is None or (isinstance(raw, str) and not raw.strip())


def missing(element: str, raw: object) -> Invalid:
    return Invalid(
        fault="missing_required",
        element=element,
        value=raw,
        reason=f"{element} is required but empty ({raw!r} after trimming spaces); expected a value",
    )


def required_text(raw: object, element: str) -> str:
    """Trimmed text (``str.strip`` drops every Unicode space, U+3000 included); blank → missing_required."""
    if blank(raw):
        raise missing(element, raw)
    return str(raw).strip()
