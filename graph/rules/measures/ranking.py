"""Ranking the offers for one laborer, each with the reason a township worker can read out.

Following 四.六 and 六.二 of the policy: a ``NORMAL``/``SKILLED`` laborer (or one without a category)
is matched point-to-point to open job postings — same county first, then the rest of the city, the
province, and beyond; skill requirement met; for an income alert only postings paying more than the
laborer earns now; better-paid first. A ``SEMI_WEAK`` laborer is matched to operating workshops and
public-welfare posts in their township (own village first, posts with a recent vacancy first). When
nothing fits, skills training: the institutions that trained people of their county (then city,
then province), the category's preferred training types first.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from typing import Any

from graph.caliber import Period, load_caliber
from graph.rules.config import MeasureSettings
from graph.rules.measures.offers import Offers, Posting, TrainingOffer, Workshop
from graph.rules.measures.postings import TIER_NAMES, PostingBoard
from graph.rules.measures.posts import Post, month_number, summarize
from graph.rules.measures.targets import Target, skill_rank

Measure = dict[str, Any]
INCOME_RULES = frozenset({"INCOME_DROP", "INCOME_BELOW_NORMAL"})


def money(fen: int) -> str:
    """Yuan as people write it: ``3,000`` or ``1,850.50``."""
    amount = Decimal(fen) / 100
    return f"{amount:,.0f}" if amount == amount.to_integral_value() else f"{amount:,.2f}"


def yuan(fen: int | None) -> str | None:
    """Yuan as the evidence writes amounts (``"3000.00"``), for the structured details of a measure."""
    return None if fen is None else f"{Decimal(fen) / 100:.2f}"


@cache
def _zh(element: str, code: str | None) -> str:
    if code is None:
        return ""
    return next((c.zh for c in load_caliber().code_list(element) if c.code == code), code)


@dataclass(slots=True)
class Matcher:
    """Measures for the targets of one rule; open postings ranked once per (county, skill, month)."""

    rule: str
    offers: Offers
    settings: MeasureSettings
    board: PostingBoard
    _nearby: dict[tuple[str, str], list[Measure]] = field(default_factory=dict)
    #: first and last month index of the targets (posts are summarised for those months only)
    months: tuple[int, int] = (0, 0)
    _posts_by_township: dict[str, list[Post]] = field(default_factory=dict)
    #: measures built once per (month, county, skill level, income floor) and per (county, category); each
    #: target gets shallow copies naming it (``for``), so ~100k findings cost dictionary copies, not formatting
    _posting_measures: dict[tuple[str, str | None, str | None, int | None], list[Measure]] = field(default_factory=dict)
    _training_measures: dict[tuple[str, str | None], list[Measure]] = field(default_factory=dict)
    _local_offers: dict[tuple[str, int], tuple[list[Workshop], list[tuple[int, str, Post]]]] = field(
        default_factory=dict
    )

    def measures(self, target: Target) -> list[Measure]:
        category = target.labor_category
        if category is None or category in self.settings.posting_categories:
            found = self._postings(target)
        elif category in self.settings.local_categories:
            found = self._local(target)
        else:
            found = []
        if not found:
            found = self._training(target)
        for rank, measure in enumerate(found, start=1):
            measure["rank"] = rank
        return found

    # --- job postings (点对点) -------------------------------------------------------------------

    def _postings(self, target: Target) -> list[Measure]:
        floor = target.income_fen if self.rule in INCOME_RULES and target.income_fen is not None else None
        key = (target.period, target.county, target.skill_level, floor)
        found = self._posting_measures.get(key)
        if found is None:
            found = self._posting_measures[key] = self._rank_postings(target, floor)
        return _for(found, target.citizen_id)

    def _rank_postings(self, target: Target, floor: int | None) -> list[Measure]:
        """The posting measures of every target of this month, county, skill level and income floor."""
        limit = self.settings.per_laborer
        chosen: list[Measure] = []
        tiers = self.board.nearest(target.period, target.county, skill_rank(target.skill_level))
        for tier, postings in enumerate(tiers):
            for posting in postings:
                if floor is not None and posting.best_wage_fen <= floor:
                    continue
                chosen.append(self._posting_measure(target, posting, tier, floor))
                if len(chosen) == limit:
                    return chosen
        return chosen

    def _posting_measure(self, target: Target, posting: Posting, tier: int, floor: int | None) -> Measure:
        needed = posting.skill_required
        skill = (
            f"岗位要求{_zh('skill_level', needed)}, 本人{_zh('skill_level', target.skill_level)}"
            if needed
            else "岗位无技能要求"
        )
        place = self.offers.region_names.get(posting.county or "", posting.county or "工作地不详")
        parts = [skill, f"{TIER_NAMES[tier]} ({place})"]
        if posting.wage_min_fen is not None or posting.wage_max_fen is not None:
            low, high = posting.wage_min_fen or posting.wage_max_fen, posting.wage_max_fen or posting.wage_min_fen
            wage = money(low) if low == high else f"{money(low or 0)}–{money(high or 0)}"  # type: ignore[arg-type]
            parts.append(f"月薪 {wage} 元")
        if floor is not None:
            parts.append(f"现月收入 {money(floor)} 元")
        parts.append(f"招聘 {posting.openings} 人")
        title = f"{posting.title}（{posting.employer}）" if posting.employer else posting.title
        return {
            "kind": "JOB_POSTING",
            "id": str(posting.id),
            "for": None,
            "title": title,
            "reason": "; ".join(parts),
            "distance": TIER_NAMES[tier],
            "region": posting.county,
            "wage_min": yuan(posting.wage_min_fen),
            "wage_max": yuan(posting.wage_max_fen),
        }

    # --- workshops and public-welfare posts in the township --------------------------------------

    def _local(self, target: Target) -> list[Measure]:
        if target.village_code is None:
            return []
        key = (target.village_code, target.period)
        found = self._nearby.get(key)
        if found is None:
            found = self._rank_local(target.village_code, Period.parse(target.period))
            self._nearby[key] = found
        return [{**measure, "for": target.citizen_id} for measure in found]

    def _rank_local(self, home: str, month: Period) -> list[Measure]:
        """Workshops and open posts of the township, own village first; the township's offers of the month
        are sorted once and only split by village here (a province has ~20,000 village-months to rank)."""
        township, number = home[:9], month_number(month.first_day)
        workshops, posts = self._township_offers(township, number)
        limit = self.settings.per_laborer
        found: list[tuple[tuple[int, int, str], Measure]] = []
        for workshop in workshops:
            here = workshop.village_code == home
            distance = "本村" if here else "同乡镇"
            measure = {
                "kind": "WORKSHOP",
                "id": workshop.code,
                "title": workshop.name,
                "reason": f"扶贫车间运营中; {distance}",
                "distance": distance,
                "region": workshop.village_code,
            }
            found.append(((0 if here else 1, 1, workshop.code), measure))
        own = [entry for entry in posts if entry[2].village == home]
        nearby = [entry for entry in posts if entry[2].village != home] if len(own) < limit else []
        for here, entries in ((0, own), (1, nearby)):
            for vacancy, name, post in entries[:limit]:
                found.append(((here, vacancy, name), _post_measure(post, home, number)))
        found.sort(key=lambda pair: pair[0])
        return [measure for _, measure in found[:limit]]

    def _township_offers(self, township: str, number: int) -> tuple[list[Workshop], list[tuple[int, str, Post]]]:
        """The township's workshops, and its posts open in month ``number`` sorted by (no recent vacancy,
        village and name)."""
        key = (township, number)
        found = self._local_offers.get(key)
        if found is None:
            posts = sorted(
                (0 if number in post.left else 1, post.village + post.name, post)
                for post in self._posts_of(township)
                if post.open_in(number)
            )
            found = self._local_offers[key] = (self.offers.workshops_by_township.get(township, []), posts)
        return found

    def _posts_of(self, township: str) -> list[Post]:
        found = self._posts_by_township.get(township)
        if found is None:
            first, last = self.months
            holdings = self.offers.posts_by_township.get(township, [])
            found = summarize(holdings, first, last, self.settings.vacancy_months)
            self._posts_by_township[township] = found
        return found

    # --- skills training --------------------------------------------------------------------------

    def _training(self, target: Target) -> list[Measure]:
        county = target.county
        if county is None:
            return []
        key = (county, target.labor_category)
        found = self._training_measures.get(key)
        if found is None:
            found = self._training_measures[key] = self._rank_training(county, target.labor_category)
        return _for(found, target.citizen_id)

    def _rank_training(self, county: str, category: str | None) -> list[Measure]:
        preferred = self.settings.training_preference.get(category or "", ())
        by_county = self.offers.training_by_county
        for scope, counties in (
            ("本县", [county]),
            ("本市", [c for c in by_county if c[:4] == county[:4] and c != county]),
            ("省内", [c for c in by_county if c[:4] != county[:4]]),
        ):
            offers = [offer for c in counties for offer in by_county.get(c, [])]
            if offers:
                return [
                    _training_measure(offer, scope, preferred)
                    for offer in _ranked_training(offers, preferred)[: self.settings.per_laborer]
                ]
        return []


def _post_measure(post: Post, home: str, month: int) -> Measure:
    distance = "本村" if post.village == home else "同乡镇"
    parts = [
        f"公益性岗位; {distance}",
        f"月补贴 {money(post.subsidy_fen)} 元",
        f"在岗 {post.active.get(month, 0)} 人",
    ]
    if month in post.left:
        count, latest = post.left[month]
        parts.append(f"{count} 人于 {latest.isoformat()} 离岗, 可补缺")
    return {
        "kind": "PUBLIC_WELFARE_POST",
        "id": f"{post.village}:{post.name}",
        "title": f"{post.name}（{post.village}）",
        "reason": "; ".join(parts),
        "distance": distance,
        "region": post.village,
        "monthly_subsidy": yuan(post.subsidy_fen),
    }


def _ranked_training(offers: list[TrainingOffer], preferred: tuple[str, ...]) -> list[TrainingOffer]:
    def order(offer: TrainingOffer) -> tuple[int, int, int, str]:
        rank = preferred.index(offer.training_type) if offer.training_type in preferred else len(preferred)
        return (rank, -offer.certified, -offer.trained, offer.institution)

    return sorted(offers, key=order)


def _for(measures: list[Measure], citizen_id: str) -> list[Measure]:
    """Copies of shared measures naming the laborer they are for (``for`` keeps its place in the JSON)."""
    return [{**measure, "for": citizen_id} for measure in measures]


def _training_measure(offer: TrainingOffer, scope: str, preferred: tuple[str, ...]) -> Measure:
    kind = _zh("training_type", offer.training_type)
    fit = "; 适合本人劳动力类别" if offer.training_type in preferred else ""
    reason = f"{kind}; {scope}已培训 {offer.trained} 人, 取证 {offer.certified} 人{fit}; 暂无匹配岗位"
    return {
        "kind": "TRAINING",
        "id": f"{offer.institution}:{offer.training_type}",
        "for": None,
        "title": f"{offer.institution}·{kind}",
        "reason": reason,
        "distance": scope,
        "region": offer.county,
    }
