"""Every rule of RULES.md, in its order: monitoring first, then reconciliation.

Interpretations the rules implement (the team's decisions, shared with ``synth.truth_findings``; the
ones marked *ours* were not settled by them and are also what the ground truth does):

- Only what is in the store takes part: quarantined records never reach it. Laborer: a registered member
  whose labor category is not ``NONE``; a member without a category counts (*ours*, literal reading).
  Members of a quarantined household row keep their household number but have no ``households`` row:
  they are laborers without household, village or county and take part in no household or county rule.
- Age: whole years on the first of the month, from the unified ID's birth date. Student: school status
  other than 非在校生 (none = not a student).
- Periods checked: every month from the earliest to the latest in HR's records, the follow-ups and the
  payments' covered months. A run covers all of them or a range; whole-store rules
  (LABOR_CATEGORY_CONFLICT, SHARED_BANK_ACCOUNT) are always judged over everything (*ours*).
- Status, income and the RETURNED event are the resolver's ``employment`` and ``followups.returned``
  (HR's latest record of the month, else the latest follow-up, the office's on a tie). Employed: the
  caliber's ``is_employed`` flag. No status is neither employed nor unemployed. Employed and followed-up
  months come from ``person_months``, kept by the resolver with the unified statuses (every sync ends with
  a resolution); a visit submitted through the API updates its person's followed-up months at once.
- County of a person: the first six digits of the household's village. Minimum wage in force: the
  county's latest standard effective on or before the month's first day; none → no finding.
- Payments: effective = the resolver's ``effective``; beneficiary = ``beneficiary_citizen_id`` (the
  object of a subsidy paid to an organisation, else the payee); a payment without the beneficiary or the
  covered month a rule needs is left out of that rule. Voucher findings are dated by the covered month;
  an undated voucher (PAYMENT_TO_UNREGISTERED only) is judged in full runs (*ours*).
- INCOME_BELOW_NORMAL: employed laborer, status not PUBLIC_WELFARE_POST, known income below the wage in
  force in their county (*ours*: the rule was not in the team's list; a person without a household has
  no county and no finding). PUBLIC_POST_OVER_MIN_WAGE: when one month's payments name several counties,
  the lowest standard among those with one decides (*ours*).
- WORKSHOP_SUBSIDY_WHILE_CLOSED: a workshop's last update (``XGSJ``) is its row's source update time; a
  workshop without one counts as open (*ours*).
- Each rule's own module says the rest; ``common`` holds the fragments several rules share.
"""

from __future__ import annotations

from graph.rules.definitions.employers import EMPLOYER_SUBSIDY_WITHOUT_EMPLOYMENT, WORKSHOP_SUBSIDY_WHILE_CLOSED
from graph.rules.definitions.followups import FOLLOWUP_LATE, FOLLOWUP_MISSING
from graph.rules.definitions.households import ZERO_EMPLOYMENT_HOUSEHOLD
from graph.rules.definitions.income import INCOME_BELOW_NORMAL, INCOME_DROP
from graph.rules.definitions.labor import LABOR_CATEGORY_CONFLICT
from graph.rules.definitions.payments import DUPLICATE_PAYMENT, PAYMENT_TO_UNREGISTERED, SHARED_BANK_ACCOUNT
from graph.rules.definitions.public_posts import POST_PAYMENT_WITHOUT_PLACEMENT, PUBLIC_POST_OVER_MIN_WAGE
from graph.rules.definitions.returnees import RETURNEE_NOT_REEMPLOYED
from graph.rules.definitions.scale import SCALE_DECLINE
from graph.rules.definitions.status import STATUS_CONFLICT
from graph.rules.rule import Rule

RULES: tuple[Rule, ...] = (
    ZERO_EMPLOYMENT_HOUSEHOLD,
    INCOME_DROP,
    INCOME_BELOW_NORMAL,
    RETURNEE_NOT_REEMPLOYED,
    FOLLOWUP_MISSING,
    FOLLOWUP_LATE,
    LABOR_CATEGORY_CONFLICT,
    PUBLIC_POST_OVER_MIN_WAGE,
    SCALE_DECLINE,
    STATUS_CONFLICT,
    PAYMENT_TO_UNREGISTERED,
    DUPLICATE_PAYMENT,
    POST_PAYMENT_WITHOUT_PLACEMENT,
    EMPLOYER_SUBSIDY_WITHOUT_EMPLOYMENT,
    WORKSHOP_SUBSIDY_WHILE_CLOSED,
    SHARED_BANK_ACCOUNT,
)
_BY_CODE = {rule.code: rule for rule in RULES}


class UnknownRuleError(LookupError):
    """A rule code that RULES.md does not define."""


def rule_named(code: str) -> Rule:
    """The rule with this code (exact, upper-case as RULES.md writes it)."""
    found = _BY_CODE.get(code.strip().upper())
    if found is None:
        raise UnknownRuleError(f"unknown rule {code!r}; expected one of {', '.join(_BY_CODE)}")
    return found


__all__ = ["RULES", "UnknownRuleError", "rule_named"]
