"""Open job postings arranged for point-to-point matching: per month, per county, best-paid first.

A laborer's candidates come tier by tier — own county, the rest of the city, the rest of the province,
elsewhere — each tier merged from the counties' already sorted lists and cut after ``per_tier``, so a
match costs a few dozen steps however many postings the province has.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice

from graph.caliber import Period
from graph.rules.measures.offers import Posting
from graph.rules.measures.targets import skill_rank

TIER_NAMES = ("同县", "本市外县", "省内外市", "省外")


def _order(posting: Posting) -> tuple[int, int, int]:
    return (-posting.best_wage_fen, -posting.openings, posting.id)


def tier_of(home: str | None, county: str | None) -> int:
    """0 same county, 1 same city, 2 same province (or home unknown), 3 elsewhere or unknown."""
    if county is None:
        return 3
    if home is None:
        return 2 if county[:2] == "36" else 3
    if county == home:
        return 0
    if county[:4] == home[:4]:
        return 1
    return 2 if county[:2] == home[:2] else 3


@dataclass(slots=True)
class PostingBoard:
    postings: list[Posting]
    per_tier: int = 20
    _months: dict[str, dict[str | None, list[Posting]]] = field(default_factory=dict)
    _nearest: dict[tuple[str, str | None, int], list[list[Posting]]] = field(default_factory=dict)

    def nearest(self, month: str, home: str | None, skill: int) -> list[list[Posting]]:
        """Up to ``per_tier`` open postings per tier whose skill requirement ``skill`` meets, best-paid first."""
        key = (month, home, skill)
        found = self._nearest.get(key)
        if found is None:
            tiers: list[list[Iterable[Posting]]] = [[], [], [], []]
            for county, postings in self._by_county(month).items():
                tiers[tier_of(home, county)].append(postings)
            found = [self._best(lists, skill) for lists in tiers]
            self._nearest[key] = found
        return found

    def _best(self, lists: list[Iterable[Posting]], skill: int) -> list[Posting]:
        merged: Iterator[Posting] = heapq.merge(*lists, key=_order)
        fitting = (posting for posting in merged if skill_rank(posting.skill_required) <= skill)
        return list(islice(fitting, self.per_tier))

    def _by_county(self, month: str) -> dict[str | None, list[Posting]]:
        found = self._months.get(month)
        if found is None:
            period = Period.parse(month)
            first, last = period.first_day, period.last_day
            grouped: dict[str | None, list[Posting]] = defaultdict(list)
            for posting in self.postings:
                if posting.published_on <= last and (posting.valid_until is None or posting.valid_until >= first):
                    grouped[posting.county].append(posting)
            found = {county: sorted(postings, key=_order) for county, postings in grouped.items()}
            self._months[month] = found
        return found
