"""Policy monitoring and cross-department reconciliation: every rule of RULES.md, over the unified store.

Each rule is one set-based query (``definitions/``) with its thresholds in ``rules.toml``; a run stores
its findings (``findings``: stable ids, status, evidence, suggested measures) and can be read back as
RULES.md's JSON lines or a workbook (``export``).
"""

from graph.rules.config import RuleConfig, RuleConfigError, load_rule_config
from graph.rules.definitions import RULES, UnknownRuleError, rule_named
from graph.rules.export import StoredFinding, read_findings, write_json_lines, write_workbook
from graph.rules.findings import ACKNOWLEDGED, OPEN, RESOLVED, STATUSES
from graph.rules.periods import Scope, ScopeError
from graph.rules.rule import Rule
from graph.rules.runner import RuleResult, RunReport, latest_run, run_rules

__all__ = [
    "ACKNOWLEDGED",
    "OPEN",
    "RESOLVED",
    "RULES",
    "STATUSES",
    "Rule",
    "RuleConfig",
    "RuleConfigError",
    "RuleResult",
    "RunReport",
    "Scope",
    "ScopeError",
    "StoredFinding",
    "UnknownRuleError",
    "latest_run",
    "load_rule_config",
    "read_findings",
    "rule_named",
    "run_rules",
    "write_json_lines",
    "write_workbook",
]
