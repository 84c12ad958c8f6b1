"""The rules' thresholds, singled-out codes, severities and measure settings: data, not literals in SQL.

Defaults live in ``rules.toml`` beside this module (the values RULES.md gives); a deployment overrides
any key through a nested mapping (the ``[rules]`` table of ``hub.toml``), which is merged over the
defaults and checked, so a typo or a bad value fails with the key, the value and what was expected.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from functools import cache
from importlib.resources import files
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

Severity = Literal["high", "medium", "low"]
SEVERITIES: tuple[Severity, ...] = ("high", "medium", "low")


class RuleConfigError(ValueError):
    """The rule configuration is invalid; the message names each bad key and what it expects."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Thresholds(_Strict):
    income_drop_percent: int = Field(ge=1, le=100)
    visit_by_day: int = Field(ge=1, le=28)
    entry_by_day: int = Field(ge=1, le=28)
    min_age: int = Field(ge=0, le=120)
    max_age: int = Field(ge=0, le=120)
    shared_account_households: int = Field(ge=2)

    @model_validator(mode="after")
    def _ages_ordered(self) -> Thresholds:
        if self.min_age > self.max_age:
            raise ValueError(f"min_age {self.min_age} is above max_age {self.max_age}; expected min_age <= max_age")
        return self


class Codes(_Strict):
    full_labor_categories: tuple[str, ...]
    willing: tuple[str, ...]
    public_post_status: str
    unemployed_status: str
    public_post_subsidies: tuple[str, ...]
    employer_subsidies: tuple[str, ...]
    workshop_subsidy: str
    closed_workshop_statuses: tuple[str, ...]
    operating_workshop_status: str


class MeasureSettings(_Strict):
    per_laborer: int = Field(ge=1, le=50)
    laborers_per_household: int = Field(ge=1, le=20)
    posting_categories: tuple[str, ...]
    local_categories: tuple[str, ...]
    vacancy_months: int = Field(ge=0, le=12)
    training_preference: dict[str, tuple[str, ...]]


class EngineSettings(_Strict):
    workers: int = Field(ge=1, le=16)
    sqlite_mmap_bytes: int = Field(ge=0)
    postgres_work_mem: str = Field(pattern=r"^[1-9][0-9]*(kB|MB|GB)$")
    postgres_parallel_workers: int = Field(ge=0, le=64)
    postgres_jit: bool


class RuleConfig(_Strict):
    thresholds: Thresholds
    codes: Codes
    severity: dict[str, Severity]
    measures: MeasureSettings
    engine: EngineSettings

    def severity_of(self, rule: str) -> Severity:
        found = self.severity.get(rule)
        if found is None:
            raise RuleConfigError(f"rules.severity has no entry for rule {rule!r}; expected one of {SEVERITIES}")
        return found

    def as_json(self) -> dict[str, Any]:
        return self.model_dump(mode="json")


def _merged(base: Mapping[str, Any], overrides: Mapping[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in overrides.items():
        if isinstance(value, Mapping) and isinstance(merged.get(key), Mapping):
            merged[key] = _merged(merged[key], value)
        else:
            merged[key] = value
    return merged


@cache
def _defaults() -> dict[str, Any]:
    return tomllib.loads((files("graph.rules") / "rules.toml").read_text(encoding="utf-8"))


def load_rule_config(overrides: Mapping[str, Any] | None = None) -> RuleConfig:
    """The defaults of ``rules.toml`` with ``overrides`` (same shape) merged over them, validated."""
    data = _merged(_defaults(), overrides or {})
    try:
        return RuleConfig.model_validate(data)
    except ValidationError as error:
        problems = "; ".join(
            f"rules.{'.'.join(str(part) for part in problem['loc'])} = {problem.get('input')!r}: {problem['msg']}"
            for problem in error.errors()
        )
        raise RuleConfigError(f"invalid rule configuration: {problems}") from None
