"""Converting a column value by value, each distinct value once, remembered across batches.

Source columns repeat their values (codes, amounts, villages, months), so the connectors' normalizers and
the store's driver conversions both work per distinct value and keep what they computed for the next batch,
up to a bound so that a stream of nearly unique values cannot grow a process without limit.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from typing import Any

REMEMBERED = 250_000
"""Distinct values one cache keeps (per field or converter, per process)."""


def remember(
    values: Iterable[Hashable], cache: dict[Any, Any], convert: Callable[[Any], Any], limit: int = REMEMBERED
) -> set[Any]:
    """Put ``convert(value)`` into ``cache`` for every distinct value not there yet; returns those values.

    When they would take the cache past ``limit`` it starts afresh with this batch's values alone.
    """
    distinct = set(values)
    unseen = distinct.difference(cache)
    if unseen:
        if len(cache) + len(unseen) > limit:
            cache.clear()
            unseen = distinct
        for value in unseen:
            cache[value] = convert(value)
    return unseen
