"""Planted rule situations: every one is a finding of the independent rule implementation, no near miss is."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from synth import generate
from tests.synth.conftest import Generated

pytest.importorskip("synth.truth_findings", reason="the ground-truth findings module is another engineer's")

SUBJECT_KEYS = {
    "ZERO_EMPLOYMENT_HOUSEHOLD": {"household", "period"},
    "INCOME_DROP": {"citizen_id", "period"},
    "INCOME_BELOW_NORMAL": {"citizen_id", "period"},
    "RETURNEE_NOT_REEMPLOYED": {"citizen_id", "period"},
    "FOLLOWUP_MISSING": {"citizen_id", "period"},
    "FOLLOWUP_LATE": {"village", "period"},
    "LABOR_CATEGORY_CONFLICT": {"citizen_id"},
    "PUBLIC_POST_OVER_MIN_WAGE": {"citizen_id", "period"},
    "SCALE_DECLINE": {"county", "period"},
    "STATUS_CONFLICT": {"citizen_id", "period"},
    "PAYMENT_TO_UNREGISTERED": {"voucher"},
    "DUPLICATE_PAYMENT": {"voucher"},
    "POST_PAYMENT_WITHOUT_PLACEMENT": {"voucher"},
    "EMPLOYER_SUBSIDY_WITHOUT_EMPLOYMENT": {"voucher"},
    "WORKSHOP_SUBSIDY_WHILE_CLOSED": {"voucher"},
    "SHARED_BANK_ACCOUNT": {"account"},
}


def _as_set(items: list[dict[str, str]]) -> set[str]:
    return {json.dumps(item, sort_keys=True) for item in items}


def _check(truth: dict[str, Any]) -> None:
    findings = truth["findings"]
    for rule, planted in truth["planted"].items():
        assert all(set(item) == SUBJECT_KEYS[rule] for item in planted), rule
        missing = _as_set(planted) - _as_set(findings[rule])
        assert not missing, f"{rule}: planted but not found: {sorted(missing)[:3]}"
    for rule, near_misses in truth["planted_not_findings"].items():
        wrong = _as_set(near_misses) & _as_set(findings[rule])
        assert not wrong, f"{rule}: a near miss became a finding: {sorted(wrong)[:3]}"


def test_six_months_plant_every_rule_that_six_months_can_show(village: Generated) -> None:
    truth = village.truth
    _check(truth)
    shown = {rule for rule, items in truth["planted"].items() if items}
    assert shown == set(SUBJECT_KEYS) - {"SCALE_DECLINE"}  # a decline needs the same month a year before
    negatives = {rule for rule, items in truth["planted_not_findings"].items() if items}
    assert negatives >= {
        "DUPLICATE_PAYMENT",
        "POST_PAYMENT_WITHOUT_PLACEMENT",
        "INCOME_BELOW_NORMAL",
        "LABOR_CATEGORY_CONFLICT",
        "WORKSHOP_SUBSIDY_WHILE_CLOSED",
        "PAYMENT_TO_UNREGISTERED",
    }


def test_fifteen_months_plant_a_scale_decline_and_more_turning_points(tmp_path: Path) -> None:
    summary = generate(tmp_path / "long", scale="village", seed=2, months=15)
    truth = json.loads((tmp_path / "long" / "truth.json").read_text(encoding="utf-8"))
    _check(truth)
    assert summary.planted["SCALE_DECLINE"] == 1
    legacy_duplicates = [v for v in truth["variants"] if v["table"] == "BT_FFMX" and len(v["raw"]) == 15]
    assert legacy_duplicates, "a duplicate payment names the person by the 15-digit legacy ID"
