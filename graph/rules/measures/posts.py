"""Public-welfare posts as a township worker sees them: who holds each post month by month, who left.

A post is a post name in a village. Its placements are folded once into per-month counts (holders
active in the month; holders who left within ``vacancy_months`` before the month's end, with the latest
leaving date), so matching a laborer to posts is a lookup per month rather than a scan of placements.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from graph.rules.measures.offers import PostHolding


def month_number(day: date) -> int:
    return day.year * 12 + day.month - 1


@dataclass(slots=True)
class Post:
    village: str
    name: str
    subsidy_fen: int = 0
    active: dict[int, int] = field(default_factory=lambda: defaultdict(int))
    left: dict[int, tuple[int, date]] = field(default_factory=dict)

    def open_in(self, month: int) -> bool:
        return self.active.get(month, 0) > 0 or month in self.left


def summarize(holdings: Iterable[PostHolding], first: int, last: int, vacancy_months: int) -> list[Post]:
    """The posts of ``holdings`` with their per-month counts for months ``first``..``last`` (indexes)."""
    posts: dict[tuple[str, str], Post] = {}
    for holding in holdings:
        post = posts.get((holding.village_code, holding.post_name))
        if post is None:
            post = posts[(holding.village_code, holding.post_name)] = Post(holding.village_code, holding.post_name)
        post.subsidy_fen = max(post.subsidy_fen, holding.monthly_subsidy_fen)
        start = max(first, month_number(holding.start_date))
        end = last if holding.end_date is None else min(last, month_number(holding.end_date))
        for month in range(start, end + 1):
            post.active[month] += 1
        if holding.end_date is not None:
            left = month_number(holding.end_date)
            for month in range(max(first, left), min(last, left + vacancy_months) + 1):
                count, latest = post.left.get(month, (0, holding.end_date))
                post.left[month] = (count + 1, max(latest, holding.end_date))
    return sorted(posts.values(), key=lambda post: (post.village, post.name))
