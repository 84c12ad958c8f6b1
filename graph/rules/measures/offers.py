"""What the shared data offers a laborer: open job postings, operating workshops, public-welfare posts
and skills training, loaded once per rule and indexed by region so each match is a dictionary lookup.

Public-welfare posts are read from HR's placements: a post (its name in a village) is active in a
month when a placement of it is; one whose holder left recently is a vacancy. Training offers are the
institutions that trained people of a county, by training type, with how many obtained a certificate.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import Connection, text

from graph.caliber import Period


@dataclass(frozen=True, slots=True)
class Posting:
    id: int
    title: str
    employer: str | None
    openings: int
    wage_min_fen: int | None
    wage_max_fen: int | None
    county: str | None
    skill_required: str | None
    published_on: date
    valid_until: date | None

    def open_in(self, month: Period) -> bool:
        return self.published_on <= month.last_day and (self.valid_until is None or self.valid_until >= month.first_day)

    @property
    def best_wage_fen(self) -> int:
        return self.wage_max_fen or self.wage_min_fen or 0


@dataclass(frozen=True, slots=True)
class Workshop:
    code: str
    name: str
    village_code: str


@dataclass(frozen=True, slots=True)
class PostHolding:
    """One placement in a public-welfare post."""

    post_name: str
    village_code: str
    start_date: date
    end_date: date | None
    monthly_subsidy_fen: int


@dataclass(frozen=True, slots=True)
class TrainingOffer:
    county: str
    institution: str
    training_type: str
    trained: int
    certified: int


@dataclass(slots=True)
class Offers:
    postings: list[Posting] = field(default_factory=list)
    workshops_by_township: dict[str, list[Workshop]] = field(default_factory=lambda: defaultdict(list))
    posts_by_township: dict[str, list[PostHolding]] = field(default_factory=lambda: defaultdict(list))
    training_by_county: dict[str, list[TrainingOffer]] = field(default_factory=lambda: defaultdict(list))
    region_names: dict[str, str] = field(default_factory=dict)

    def within(self, first: Period, last: Period, vacancy_months: int) -> Offers:
        """The offers :func:`load_offers` gives for ``first``..``last``, taken from these (loaded for a range
        covering it): a run loads its offers once and each alert rule narrows them to its findings' months."""
        first_day, last_day = first.first_day, last.last_day
        since = first.shift(-vacancy_months).first_day
        narrowed = Offers(
            postings=[p for p in self.postings if p.published_on <= last_day and _open_since(p.valid_until, first_day)],
            workshops_by_township=self.workshops_by_township,
            training_by_county=self.training_by_county,
            region_names=self.region_names,
        )
        for township, holdings in self.posts_by_township.items():
            kept = [h for h in holdings if h.start_date <= last_day and _open_since(h.end_date, since)]
            if kept:
                narrowed.posts_by_township[township] = kept
        return narrowed


def _open_since(end: date | None, day: date) -> bool:
    return end is None or end >= day


_POSTINGS = """
SELECT jp.id, jp.title, em.name, jp.openings, jp.wage_min, jp.wage_max, jp.county_code, jp.skill_required,
       jp.published_on, jp.valid_until
FROM job_postings jp LEFT JOIN employers em ON em.credit_code = jp.credit_code
WHERE jp.openings > 0 AND jp.published_on <= :last AND (jp.valid_until IS NULL OR jp.valid_until >= :first)
"""
_WORKSHOPS = "SELECT code, name, village_code FROM workshops WHERE status = :operating"
_POSTS = """
SELECT post_name, village_code, start_date, end_date, monthly_subsidy FROM placements
WHERE start_date <= :last AND (end_date IS NULL OR end_date >= :first)
"""
_TRAINING = """
SELECT SUBSTR(h.village_code, 1, 6), t.institution, t.training_type, COUNT(*),
       SUM(CASE WHEN t.certified THEN 1 ELSE 0 END)
FROM trainings t JOIN people p ON p.citizen_id = t.citizen_id
JOIN households h ON h.household_no = p.household_no
WHERE t.institution IS NOT NULL
GROUP BY SUBSTR(h.village_code, 1, 6), t.institution, t.training_type
"""
_NAMES = "SELECT code, name FROM regions WHERE level IN ('province', 'city', 'county') AND name IS NOT NULL"


def _day(value: date | str | None) -> date | None:
    """Dates come back as ``date`` from PostgreSQL and as ISO text from SQLite (raw SQL)."""
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(value[:10])


def load_offers(connection: Connection, first: Period, last: Period, *, operating: str, vacancy_months: int) -> Offers:
    """Every offer that may be open in some month from ``first`` to ``last``."""
    offers = Offers()
    window = {"first": first.first_day.isoformat(), "last": last.last_day.isoformat()}
    for row in connection.execute(text(_POSTINGS), window):
        offers.postings.append(
            Posting(row[0], row[1], row[2], row[3], row[4], row[5], row[6], row[7], _day(row[8]), _day(row[9]))  # type: ignore[arg-type]
        )
    for code, name, village in connection.execute(text(_WORKSHOPS), {"operating": operating}):
        offers.workshops_by_township[village[:9]].append(Workshop(code, name, village))
    since = first.shift(-vacancy_months).first_day.isoformat()
    for post, village, start, end, subsidy in connection.execute(
        text(_POSTS), {"first": since, "last": window["last"]}
    ):
        offers.posts_by_township[village[:9]].append(PostHolding(post, village, _day(start), _day(end), subsidy))  # type: ignore[arg-type]
    for county, institution, kind, trained, certified in connection.execute(text(_TRAINING)):
        offers.training_by_county[county].append(TrainingOffer(county, institution, kind, trained, certified or 0))
    offers.region_names = {code: name for code, name in connection.execute(text(_NAMES))}
    return offers
