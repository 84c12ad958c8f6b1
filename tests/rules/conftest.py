"""Fixtures for the rules' tests: hand-built sources, a fresh store on either engine, and findings by rule."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from graph.rules import RULES, Scope, read_findings, rule_named, run_rules
from graph.rules.config import RuleConfig
from graph.store import Store
from tests.rules.sources import HandSources, synced

type Subjects = dict[str, set[tuple[str, ...]]]


@pytest.fixture
def hand(tmp_path: Path) -> HandSources:
    return HandSources(tmp_path / "sources")


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.db'}"
    return request.getfixturevalue("new_postgres_database")("rules")


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'store.db'}"


@pytest.fixture
def open_store(hand: HandSources) -> Iterator[Callable[[str], Store]]:
    """Sync the hand-built sources into a store at the URL; every store is closed at teardown."""
    contexts = []

    def opener(url: str) -> Store:
        context = synced(hand, url)
        contexts.append(context)
        return context.__enter__()

    yield opener
    for context in reversed(contexts):
        context.__exit__(None, None, None)


def subjects_found(store: Store, *codes: str, period: str | None = None, config: RuleConfig | None = None) -> Subjects:
    """Run the rules (all, or ``codes``) and return each rule's subjects as tuples in RULES.md key order."""
    rules = [rule_named(code) for code in codes] if codes else list(RULES)
    report = run_rules(store.engine, rules=rules, scope=Scope.parse(period), config=config)
    found: Subjects = {rule.code: set() for rule in rules}
    with store.engine.connect() as connection:
        for finding in read_findings(connection, report.run, rules):
            found[finding.rule.code].add(tuple(finding.subject[key] for key in finding.rule.keys))
    return found
