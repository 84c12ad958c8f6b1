"""The ground-truth findings of every RULES.md rule over a generated source set, computed independently.

``compute_findings`` reads the generated files as a department's auditor would (never the hub's code:
no ``graph``, ``hub`` or ``connectors`` import), so scoring the hub against ``truth.json`` tests the
hub's reading of the rules, not a shared bug. It works in a scratch SQLite database in a temporary
folder, with the three source databases attached read-only and the ledgers streamed in, so it runs in
bounded memory from ``village`` to ``province`` scale. Submodules: ``values`` (cell normalizers),
``ledgers`` (workbooks), ``scratch`` (the database), ``tables`` (normalized helper tables), ``rules``
(one query per rule), ``codes`` (department codes and thresholds).

Interpretations the hub's rule engine must share (the team's decisions, and where noted, mine):

Records and people
- A record listed in ``bad_records`` (source, table, key as text; ``JY_ZDGZ`` keyed ``XZQH|SXRQ``;
  ledger ``{file}:{excel row}``) takes part in no rule. Any other record whose needed value does not
  normalize is a generator inconsistency: ``SourceDataError``/``LedgerRowError`` names it (mine).
- Citizen IDs: whitespace (U+3000 included) removed, full-width folded, ``x`` upper-cased, 15 digits
  upgraded ('19' + MOD 11-2 check digit); an Excel-number ID is its integer digits. An 18-digit ID
  stored as a number (a float, in Excel as in openpyxl) has lost its last digits: read
  back it fails its check digit, or 1 time in 11 names someone else, so such rows must be quarantined.
- A member whose ``PKHCY`` row is quarantined is not registered: payments to them are
  PAYMENT_TO_UNREGISTERED findings and they are no laborer.
- A person is a citizen ID. Registry elements come from their non-quarantined ``PKHCY`` row with the
  latest ``XGSJ``, then the highest ``ID``, when there are several (mine). Members of a quarantined or
  missing ``PKH`` row are people and laborers but have no household, village or county.
- Laborer: a member whose ``LDJN`` (trimmed) is not 丧失劳动力/无劳动力; a blank ``LDJN``
  therefore counts as a laborer (the team's wording taken literally). Student: ``ZXS`` other than
  非在校生, blank = not a student. Age: whole years on the month's first day, birth date from the ID.
- County of a person: the first 6 digits of their household's ``PKH.XZQH``. Minimum wage in force in
  month P: the county's latest non-quarantined ``JY_ZDGZ`` row with ``SXRQ`` ≤ P's first day.

Months and status
- Periods checked: every month from the earliest to the latest of HR ``BGYF``, ``HFJL.HFYF``, the
  months of kept ledger rows (from the file name) and ``SSYF`` of kept finance rows of any ``ZT``.
- Unified status of (person, month): HR's record of the month with the latest ``GXSJ``, then highest
  ``ID``; else the follow-up (``HFJL`` by ``HFYF``, ledger by the file's month) with the latest visit
  date, the poverty office's on a tie, then the highest ``ID`` or, among ledger rows, the greatest file
  name then Excel row (mine). Income comes from the same record; NULL is unknown. 返乡 is UNEMPLOYED
  and a RETURNED event in that follow-up's month whether or not the follow-up decides the status.
- Money in exact fen: HR/ledger integers × 100, ``HFJL`` REALs by their shortest decimal text,
  rounded half-up to 2 places; a drop of exactly 30 % counts (current × 10 ≤ earlier × 7).
- Text codes and labels of the databases are compared trimmed (spaces, tabs, U+3000); ledger cells
  with all whitespace removed. Dates and months must have the DDL's shape or be in ``bad_records``.

Rules (subject keys in RULES.md order; each list distinct and sorted)
- INCOME_DROP: employed laborer with known income in P vs P-1 and vs P-12, each earlier income known
  and > 0 whatever the earlier status. INCOME_BELOW_NORMAL: same laborer, status not
  PUBLIC_WELFARE_POST, income < the wage in force in their county (no standard → no finding).
- FOLLOWUP_MISSING: laborer × period checked without any kept follow-up of that month.
  FOLLOWUP_LATE: an ``HFJL`` row's village is its person's household village (no household → skipped),
  a ledger row's the file's; late when the visit date > day 20 of the month (a later month is after
  it) or ``LRRQ`` > day 25.
- LABOR_CATEGORY_CONFLICT: 普通劳动力/技能劳动力 and a student, or age > 60 or < 16 at some period
  checked. RETURNEE_NOT_REEMPLOYED: laborer, RETURNED in M, unified UNEMPLOYED in M+1 and M+2 → M+2.
- ZERO_EMPLOYMENT_HOUSEHOLD: a non-quarantined household with a laborer aged 16–60 in P, not a
  student, 外出意愿 愿意/未定, and no member (laborer or not) employed in P (no status = not employed).
- SCALE_DECLINE: per county, employed laborers in P < in P-12, both checked (a county with none
  employed in P counts 0).
- STATUS_CONFLICT: HR's chosen record differs from any kept follow-up of the month; anyone, member or not.
- Payments: effective = ``ZT`` '1' not named by the ``YFFPZH`` of a kept ``ZT`` '3' row. Beneficiary:
  ``DXZJHM`` when ``SKDWXYDM`` is non-blank, else ``SKRZJHM``; credit codes trimmed and upper-cased;
  account = ``SKZH`` with all whitespace removed. A payment without beneficiary or ``SSYF`` takes part
  in no rule that needs them (WORKSHOP_SUBSIDY_WHILE_CLOSED needs no beneficiary).
- PAYMENT_TO_UNREGISTERED: beneficiary is no kept ``PKHCY`` member (household quarantined or not).
- DUPLICATE_PAYMENT: per (beneficiary, ``BTXM``, ``SSYF``), ordered by ``FFRQ`` then ``FFPZH``, all
  but the first. POST_PAYMENT_WITHOUT_PLACEMENT: GY01/GF01 without a kept placement of the
  beneficiary with ``KSRQ`` ≤ the month's last day and ``JSRQ`` NULL or ≥ its first day.
- PUBLIC_POST_OVER_MIN_WAGE: GY01+GF01 total per (beneficiary, ``SSYF``) > the wage in force in the
  county (``XZQH``) of at least one of those payments (mine: when payments of one month name different
  counties, the lowest standard among them decides).
- EMPLOYER_SUBSIDY_WITHOUT_EMPLOYMENT: XN01/CJ01 to an organisation, unless some kept HR row of the
  beneficiary for ``SSYF`` has ``JYZT`` not 41/90 and the same ``DWXYDM``. WORKSHOP_SUBSIDY_WHILE_CLOSED:
  CJ01 to a workshop operator whose kept workshops are all 停产/注销 with ``SSYF`` after each one's
  ``XGSJ`` month. SHARED_BANK_ACCOUNT: payments to individuals into one account whose payees, counted
  by their household, span ≥ 2 non-quarantined households.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

from synth.truth_findings.ledgers import LedgerRowError
from synth.truth_findings.rules import RULES, Rule
from synth.truth_findings.scratch import SourceDataError, load_bad_records, scratch_database
from synth.truth_findings.tables import build_tables

type Finding = dict[str, str]


def compute_findings(out_dir: Path, bad_records: Iterable[Mapping[str, str]]) -> dict[str, list[Finding]]:
    """Every rule code of RULES.md → its findings' subject keys, sorted, over the sources in ``out_dir``."""
    with scratch_database(out_dir) as connection:
        ledger_bad_keys = load_bad_records(connection, bad_records)
        build_tables(connection, out_dir / "ledgers", ledger_bad_keys)
        return {rule.code: _findings(connection.execute(rule.query), rule) for rule in RULES}


def _findings(rows: Iterable[tuple[str, ...]], rule: Rule) -> list[Finding]:
    keys = rule.keys
    return [dict(zip(keys, row)) for row in rows]  # noqa: B905 - each query selects exactly the keys


__all__ = ["LedgerRowError", "SourceDataError", "compute_findings"]
