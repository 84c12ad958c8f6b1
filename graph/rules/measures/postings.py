"""Open job postings arranged for point-to-point matching: per month, per county, best-paid first.

A laborer's candidates come tier by tier — own county, the rest of the city, the rest of the province,
elsewhere — each tier read from a month's sorted list of the region holding it and cut after
``per_tier``, so a match costs a few dozen steps however many postings the province has.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import islice

from graph.caliber import Period
from graph.rules.measures.offers import Posting
from graph.rules.measures.targets import skill_rank

TIER_NAMES = ("同县", "本市外县", "省内外市", "省外")
PROVINCE = "36"
"""Where a laborer without a known county looks first (Jiangxi)."""


def _order(posting: Posting) -> tuple[int, int, int]:
    return (-posting.best_wage_fen, -posting.openings, posting.id)


@dataclass(frozen=True, slots=True)
class _Month:
    """A month's open postings best-paid first: by county, city (4 digits) and province (2 digits)."""

    by_county: dict[str | None, list[Posting]]
    by_city: dict[str, list[Posting]]
    by_province: dict[str, list[Posting]]
    outside: dict[str, list[Posting]]
    """per province: the postings of other provinces and those without a county"""


@dataclass(slots=True)
class PostingBoard:
    postings: list[Posting]
    per_tier: int = 20
    _months: dict[str, _Month] = field(default_factory=dict)
    _nearest: dict[tuple[str, str | None, int], list[list[Posting]]] = field(default_factory=dict)

    def nearest(self, month: str, home: str | None, skill: int) -> list[list[Posting]]:
        """Up to ``per_tier`` open postings per tier whose skill requirement ``skill`` meets, best-paid first.

        Each tier is read from the month's list of a region holding it, best-paid first, skipping the
        nearer tiers' postings (a tenth of a city's or a province's): a few dozen steps, where merging the
        counties' lists took a step per county of the province for every laborer's county and skill.
        """
        key = (month, home, skill)
        found = self._nearest.get(key)
        if found is None:
            board = self._month(month)
            if home is None:
                tiers = [
                    [],
                    [],
                    self._best(board.by_province.get(PROVINCE, []), skill),
                    self._outside(board, PROVINCE, skill),
                ]
            else:
                city, province = home[:4], home[:2]
                tiers = [
                    self._best(board.by_county.get(home, []), skill),
                    self._best(board.by_city.get(city, []), skill, lambda county: county == home),
                    self._best(board.by_province.get(province, []), skill, lambda county: county[:4] == city),
                    self._outside(board, province, skill),
                ]
            found = self._nearest[key] = tiers
        return found

    def _best(self, postings: list[Posting], skill: int, nearer: Callable[[str], bool] | None = None) -> list[Posting]:
        fitting = (
            posting
            for posting in postings
            if skill_rank(posting.skill_required) <= skill and (nearer is None or not nearer(posting.county or ""))
        )
        return list(islice(fitting, self.per_tier))

    def _outside(self, board: _Month, province: str, skill: int) -> list[Posting]:
        outside = board.outside.get(province)
        if outside is None:
            outside = board.outside[province] = sorted(
                [
                    posting
                    for county, postings in board.by_county.items()
                    if county is None or county[:2] != province
                    for posting in postings
                ],
                key=_order,
            )
        return self._best(outside, skill)

    def _month(self, month: str) -> _Month:
        found = self._months.get(month)
        if found is None:
            period = Period.parse(month)
            first, last = period.first_day, period.last_day
            grouped: dict[str | None, list[Posting]] = defaultdict(list)
            for posting in self.postings:
                if posting.published_on <= last and (posting.valid_until is None or posting.valid_until >= first):
                    grouped[posting.county].append(posting)
            by_county = {county: sorted(postings, key=_order) for county, postings in grouped.items()}
            by_city: dict[str, list[Posting]] = defaultdict(list)
            by_province: dict[str, list[Posting]] = defaultdict(list)
            for county, postings in by_county.items():
                if county is not None:
                    by_city[county[:4]].extend(postings)
                    by_province[county[:2]].extend(postings)
            found = self._months[month] = _Month(
                by_county,
                {city: sorted(postings, key=_order) for city, postings in by_city.items()},
                {province: sorted(postings, key=_order) for province, postings in by_province.items()},
                {},
            )
        return found
