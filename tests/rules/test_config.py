"""Thresholds are configuration: overridable, checked, and they change what the rules find."""

from __future__ import annotations

import pytest

from graph.rules import RuleConfigError, load_rule_config
from tests.rules.conftest import subjects_found
from tests.rules.sources import HandSources, citizen, synced


def test_the_defaults_are_those_of_rules_md() -> None:
    thresholds = load_rule_config().thresholds
    assert (thresholds.income_drop_percent, thresholds.visit_by_day, thresholds.entry_by_day) == (30, 20, 25)
    assert (thresholds.min_age, thresholds.max_age) == (16, 60)


def test_an_override_changes_what_is_found(hand: HandSources, sqlite_url: str) -> None:
    worker = citizen("19800101")
    hand.member(hand.household("3607321012010001"), worker)
    hand.hr(worker, "2024-04", "11", 6000)
    hand.hr(worker, "2024-05", "11", 4500)

    with synced(hand, sqlite_url) as store:
        default = subjects_found(store, "INCOME_DROP")
        stricter = subjects_found(
            store, "INCOME_DROP", config=load_rule_config({"thresholds": {"income_drop_percent": 25}})
        )

    assert default["INCOME_DROP"] == set()
    assert stricter["INCOME_DROP"] == {(worker, "2024-05")}


def test_a_bad_or_unknown_key_is_named_with_its_value() -> None:
    with pytest.raises(RuleConfigError, match=r"rules\.thresholds\.income_drop = 20: Extra inputs are not permitted"):
        load_rule_config({"thresholds": {"income_drop": 20}})
    with pytest.raises(RuleConfigError, match=r"rules\.severity\.INCOME_DROP = 'urgent': Input should be 'high'"):
        load_rule_config({"severity": {"INCOME_DROP": "urgent"}})
    with pytest.raises(RuleConfigError, match=r"min_age 61 is above max_age 60; expected min_age <= max_age"):
        load_rule_config({"thresholds": {"min_age": 61}})
