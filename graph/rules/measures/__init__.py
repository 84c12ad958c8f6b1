"""Suggested measures (the "six top-ups", 六个增补) for the alert rules' findings.

For every staged finding of an alert rule, concrete offers from the shared data — open job postings,
operating workshops, public-welfare posts, skills training — ranked, each with its reason, stored as
the finding's ``measures`` JSON. Matching runs in Python over offers loaded once and indexed by region;
the findings to match come from one query, and the results go back in one batch.
"""

from __future__ import annotations

import json
from collections import defaultdict

from sqlalchemy import Connection

from graph.caliber import Period
from graph.rules.findings import copy_rows
from graph.rules.measures.offers import Offers, load_offers
from graph.rules.measures.postings import PostingBoard
from graph.rules.measures.posts import month_number
from graph.rules.measures.ranking import Matcher, Measure
from graph.rules.measures.targets import load_targets
from graph.rules.rule import Rule, RuleContext

# SQLite: a driver-level executemany (one statement, tens of thousands of rows, no per-row compilation).
_STORE = "UPDATE finding_candidates SET measures = ? WHERE run = ? AND rule = ? AND subject_key = ?"
# PostgreSQL: the measures copied into a table of the transaction, then one join (a statement per finding
# cost 2.5 s for a province's zero-employment households).
_STAGED = "CREATE TEMPORARY TABLE staged_measures (subject_key VARCHAR(200) PRIMARY KEY, measures TEXT) ON COMMIT DROP"
_STORE_STAGED = """
UPDATE finding_candidates c SET measures = m.measures FROM staged_measures m
WHERE c.run = %s AND c.rule = %s AND c.subject_key = m.subject_key
"""


def suggest_measures(
    connection: Connection, run: int, rule: Rule, context: RuleContext, run_offers: Offers | None = None
) -> int:
    """Attach measures to the run's staged findings of ``rule``; returns how many findings got some.

    ``run_offers``: the offers of the run's months (:func:`load_run_offers`, loaded once for all its alert
    rules), narrowed here to the findings' months; without them, those months' offers are loaded.
    """
    targets = load_targets(connection, run, rule, context)
    if not targets:
        return 0
    settings = context.config.measures
    months = sorted({target.period for target in targets})
    first, last = Period.parse(months[0]), Period.parse(months[-1])
    operating, vacancy = context.config.codes.operating_workshop_status, settings.vacancy_months
    if run_offers is not None and context.months[0] <= first and last <= context.months[-1]:
        offers = run_offers.within(first, last, vacancy)
    else:
        offers = load_offers(connection, first, last, operating=operating, vacancy_months=vacancy)
    span = (month_number(first.first_day), month_number(last.first_day))
    matcher = Matcher(rule.code, offers, settings, PostingBoard(offers.postings), months=span)
    by_finding: dict[str, list[Measure]] = defaultdict(list)
    people: dict[str, int] = defaultdict(int)
    for target in targets:
        if people[target.subject_key] >= settings.laborers_per_household:
            continue
        people[target.subject_key] += 1
        by_finding[target.subject_key].extend(matcher.measures(target))
    measured = [(json.dumps(found, ensure_ascii=False), key) for key, found in by_finding.items() if found]
    if measured and connection.dialect.name == "postgresql":
        connection.exec_driver_sql(_STAGED)
        copy_rows(connection, "staged_measures", ("measures", "subject_key"), measured)
        connection.exec_driver_sql(_STORE_STAGED, (run, rule.code))
    elif measured:
        connection.exec_driver_sql(_STORE, [(measures, run, rule.code, key) for measures, key in measured])
    return len(measured)


def load_run_offers(connection: Connection, context: RuleContext) -> Offers:
    """The offers of all the run's months, which each alert rule narrows to its findings' months."""
    return load_offers(
        connection,
        context.months[0],
        context.months[-1],
        operating=context.config.codes.operating_workshop_status,
        vacancy_months=context.config.measures.vacancy_months,
    )


__all__ = ["load_run_offers", "suggest_measures"]
