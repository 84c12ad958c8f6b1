"""The payment slips planted for the finance rules, and the near misses beside them.

Each is written in the month its host's plant names and recorded only if visible before the horizon:
a duplicate (plain, or with the 15-digit legacy ID), a duplicate cancelled by a reversal (no finding),
a bounced payment paid again (no finding), post subsidies without a placement or after one ended,
employer and workshop subsidies for people the payer does not employ, a closed workshop still paid,
two households' subsidies paid into one account, and two posts that together exceed the minimum wage.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from random import Random
from typing import TYPE_CHECKING

from synth import codes, identifiers, periods
from synth.model import Labor, Placement, Plant
from synth.payees import payee

if TYPE_CHECKING:
    from synth.payments import Payments

ORG_DELAY = 2  # organisations are paid two days after people
_OWN_MONTH = frozenset({"not_duplicate_returned", "post_after_end"})


def skips_natural(labor: Labor, covered: int) -> bool:
    """Whether the host's ordinary payments of this month are written by ``planted`` instead."""
    plant = labor.person.plant
    if plant is None or plant.details.get("host") is not labor.person:
        return False
    return plant.kind == "workshop_closed" or (plant.kind in _OWN_MONTH and plant.month == covered)


def _pay_post(
    payments: Payments, labor: Labor, placement: Placement, covered: int, paid: date, draw: Random
) -> str | None:
    return payments.individual(
        placement.item, placement.subsidy * 100, covered, paid, payee(labor.person), draw, protected=True, natural=False
    )


def planted(
    payments: Payments, plant: Plant, labor: Labor, covered: int, paying: int, post_day: int, draw: Random
) -> None:
    """Write what the host's plant adds to the payments covering ``covered``."""
    kind, at, person, truth = plant.kind, plant.month, labor.person, payments.truth
    post_paid = periods.day(paying, post_day)
    org_paid = periods.day(paying, post_day + ORG_DELAY)
    period = periods.period(covered)
    if kind == "post_over_minimum":
        if payments.emitter.visible(post_paid):
            truth.plant("PUBLIC_POST_OVER_MIN_WAGE", citizen_id=person.citizen_id, period=period)
        return
    if kind == "workshop_closed":
        workshop = plant.details["workshop"]
        if covered <= workshop.closes + 1:
            voucher = payments.organisation(
                codes.WORKSHOP_SUBSIDY, 30_000, covered, org_paid, workshop.operator, person, draw
            )
            if voucher and covered == workshop.closes:
                truth.near_miss("WORKSHOP_SUBSIDY_WHILE_CLOSED", voucher=voucher)
            elif voucher and covered == workshop.closes + 1:
                truth.plant("WORKSHOP_SUBSIDY_WHILE_CLOSED", voucher=voucher)
        return
    if kind == "post_after_end" and covered == at + 1:
        voucher = _pay_post(payments, labor, labor.placements[0], covered, post_paid, draw)
        if voucher:
            truth.plant("POST_PAYMENT_WITHOUT_PLACEMENT", voucher=voucher)
        return
    if covered != at:
        return
    if kind in ("duplicate", "duplicate_legacy", "not_duplicate_reversed"):
        _duplicate(payments, kind, labor, covered, post_paid, draw)
    elif kind == "not_duplicate_returned":
        placement = labor.placements[0]
        voucher = payments.voucher(post_paid, 0)
        bounced = post_paid + timedelta(days=draw.randint(3, 6))
        if payments.write(
            voucher,
            placement.item,
            placement.subsidy * 100,
            covered,
            post_paid,
            draw,
            to=payee(person),
            status=codes.RETURNED_PAYMENT,
            stamp=bounced,
            protected=True,
        ):
            truth.near_miss("DUPLICATE_PAYMENT", voucher=voucher)
        again = periods.day(paying + 1, draw.randint(5, 15))
        second = payments.voucher(again, 1)
        if payments.write(
            second, placement.item, placement.subsidy * 100, covered, again, draw, to=payee(person), protected=True
        ):
            truth.near_miss("DUPLICATE_PAYMENT", voucher=second)
    elif kind == "post_after_end":
        voucher = _pay_post(payments, labor, labor.placements[0], covered, post_paid, draw)
        if voucher:
            truth.near_miss("POST_PAYMENT_WITHOUT_PLACEMENT", voucher=voucher)
    elif kind == "post_without_placement":
        voucher = payments.individual(
            codes.POST_SUBSIDY, 60_000, covered, post_paid, payee(person), draw, protected=True, natural=False
        )
        if voucher:
            truth.plant("POST_PAYMENT_WITHOUT_PLACEMENT", voucher=voucher)
    elif kind in ("hiring_without_employment", "workshop_without_employment"):
        workshop = plant.details.get("workshop")
        payer = workshop.operator if workshop is not None else plant.details["other"]
        item = codes.WORKSHOP_SUBSIDY if workshop is not None else codes.HIRING_SUBSIDY
        voucher = payments.organisation(
            item, 150_000 if workshop is None else 30_000, covered, org_paid, payer, person, draw
        )
        if voucher:
            truth.plant("EMPLOYER_SUBSIDY_WITHOUT_EMPLOYMENT", voucher=voucher)
    elif kind == "shared_account":
        account = person.household.account
        partner = plant.details["partner"]
        paid = periods.day(paying, draw.randint(8, 14))
        first = payments.individual(
            codes.TRANSPORT_SUBSIDY, 40_000, covered, paid, payee(person, account), draw, protected=True, natural=False
        )
        second = payments.individual(
            codes.TRANSPORT_SUBSIDY, 40_000, covered, paid, payee(partner, account), draw, protected=True, natural=False
        )
        if first and second:
            truth.plant("SHARED_BANK_ACCOUNT", account=account)


def _duplicate(payments: Payments, kind: str, labor: Labor, covered: int, first_paid: date, draw: Random) -> None:
    """A second voucher for the month's post subsidy, days after the first."""
    person, placement = labor.person, labor.placements[0]
    paid = first_paid + timedelta(days=draw.randint(3, 6))
    to = payee(person)
    if kind == "duplicate_legacy":
        to = replace(to, raw_id=identifiers.legacy_id(person.citizen_id))
    voucher = payments.voucher(paid, 0)
    if not payments.write(voucher, placement.item, placement.subsidy * 100, covered, paid, draw, to=to, protected=True):
        return
    if kind != "not_duplicate_reversed":
        payments.truth.plant("DUPLICATE_PAYMENT", voucher=voucher)
        return
    undone = paid + timedelta(days=draw.randint(1, 3))
    payments.write(
        payments.voucher(undone, 0),
        placement.item,
        placement.subsidy * 100,
        covered,
        undone,
        draw,
        to=to,
        status=codes.REVERSAL,
        reverses=voucher,
        protected=True,
    )
    payments.truth.near_miss("DUPLICATE_PAYMENT", voucher=voucher)
