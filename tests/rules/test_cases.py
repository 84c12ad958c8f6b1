"""The cases that are easy to get wrong, each on a tiny hand-built source set, on SQLite and PostgreSQL.

Every case also checks that all sixteen rules agree with the independent ground truth
(``synth.truth_findings``) computed over the very same source files.
"""

from __future__ import annotations

from collections.abc import Callable

from graph.rules import load_rule_config, read_findings, rule_named, run_rules
from graph.store import Store
from synth.truth_findings import compute_findings
from tests.rules.conftest import Subjects, subjects_found
from tests.rules.sources import (
    COUNTY,
    FAR_VILLAGE,
    ORG,
    OTHER_COUNTY,
    OTHER_ORG,
    VILLAGE,
    VILLAGE2,
    HandSources,
    citizen,
    legacy,
)

Opener = Callable[[str], Store]


def truth_of(hand: HandSources) -> Subjects:
    found = compute_findings(hand.folder, [])
    return {code: {tuple(f[k] for k in rule_named(code).keys) for f in rows} for code, rows in found.items()}


def checked(hand: HandSources, store: Store) -> Subjects:
    """Every rule's findings, after asserting that they equal the ground truth's, rule by rule."""
    found = subjects_found(store)
    truth = truth_of(hand)
    for code in found:
        assert found[code] == truth[code], code
    return found


def test_a_reversal_cancels_a_duplicate_and_is_never_a_finding(
    hand: HandSources, open_store: Opener, store_url: str
) -> None:
    member, stranger = citizen("19800101"), citizen("19810101", "021")
    hand.member(hand.household("3607321012010001"), member)
    hand.placement(member, "20240101")
    hand.payment("FF01", "GY01", payee=member, paid_on="2024/05/10")
    hand.payment("FF02", "GY01", payee=member, paid_on="2024/05/20")
    hand.payment("FF03", "GY01", payee=stranger, state="3", reverses="FF02", paid_on="2024/05/25")
    hand.payment("FF04", "QZ01", payee=member, paid_on="2024/05/12")
    hand.payment("FF05", "QZ01", payee=member, paid_on="2024/05/12")

    found = checked(hand, open_store(store_url))

    assert found["DUPLICATE_PAYMENT"] == {("FF05",)}
    assert found["PAYMENT_TO_UNREGISTERED"] == set()


def test_a_returned_payment_was_never_paid(hand: HandSources, open_store: Opener, store_url: str) -> None:
    member, stranger = citizen("19800101"), citizen("19810101", "021")
    hand.member(hand.household("3607321012010001"), member)
    hand.placement(member, "20240101")
    hand.minimum_wage(COUNTY, 1610, "20210401")
    hand.payment("FF01", "GY01", payee=member, fen=100000)
    hand.payment("FF02", "GF01", payee=member, fen=100000, state="2")
    hand.payment("FF03", "GY01", payee=stranger, state="2")

    found = checked(hand, open_store(store_url))

    assert found["DUPLICATE_PAYMENT"] == set()
    assert found["PUBLIC_POST_OVER_MIN_WAGE"] == set()
    assert found["PAYMENT_TO_UNREGISTERED"] == set()
    assert found["POST_PAYMENT_WITHOUT_PLACEMENT"] == set()


def test_a_15_digit_id_is_the_18_digit_person(hand: HandSources, open_store: Opener, store_url: str) -> None:
    member = citizen("19700315")
    hand.member(hand.household("3607321012010001"), legacy(member))
    hand.placement(member, "20240101")
    hand.payment("FF01", "GY01", payee=member, paid_on="2024/05/10")
    hand.payment("FF02", "GY01", payee=legacy(member), paid_on="2024/05/11")
    hand.hr(member, "2024-05", "90")
    hand.followup(legacy(member), "2024-05", "省外务工", 5000)

    found = checked(hand, open_store(store_url))

    assert found["PAYMENT_TO_UNREGISTERED"] == set()
    assert found["DUPLICATE_PAYMENT"] == {("FF02",)}
    assert found["STATUS_CONFLICT"] == {(member, "2024-05")}


def test_turning_60_mid_year_is_still_16_to_60_and_61_is_not(
    hand: HandSources, open_store: Opener, store_url: str
) -> None:
    sixty, sixty_one, first_of_month = citizen("19640615"), citizen("19630615", "021"), citizen("19630701", "031")
    for number, person in (
        ("3607321012010001", sixty),
        ("3607321012010002", sixty_one),
        ("3607321012010003", first_of_month),
    ):
        hand.member(hand.household(number), person)
    hand.hr(sixty, "2024-01", "90")
    hand.hr(sixty, "2024-12", "90")

    found = checked(hand, open_store(store_url))

    assert found["LABOR_CATEGORY_CONFLICT"] == {(sixty_one,), (first_of_month,)}
    months = {period for household, period in found["ZERO_EMPLOYMENT_HOUSEHOLD"] if household == "3607321012010002"}
    assert months == {f"2024-{m:02d}" for m in range(1, 7)}
    months = {period for household, period in found["ZERO_EMPLOYMENT_HOUSEHOLD"] if household == "3607321012010003"}
    assert months == {f"2024-{m:02d}" for m in range(1, 7)}
    months = {period for household, period in found["ZERO_EMPLOYMENT_HOUSEHOLD"] if household == "3607321012010001"}
    assert len(months) == 12


def test_a_post_ending_mid_month_still_covers_that_month(hand: HandSources, open_store: Opener, store_url: str) -> None:
    member = citizen("19800101")
    hand.member(hand.household("3607321012010001"), member)
    hand.placement(member, "20240101", "20240515")
    hand.placement(member, "20240720")
    for voucher, month in (("FF05", "2024-05"), ("FF06", "2024-06"), ("FF07", "2024-07")):
        hand.payment(voucher, "GY01", payee=member, month=month)

    found = checked(hand, open_store(store_url))

    assert found["POST_PAYMENT_WITHOUT_PLACEMENT"] == {("FF06",)}


def test_a_minimum_wage_change_applies_from_the_first_month_it_is_in_force(
    hand: HandSources, open_store: Opener, store_url: str
) -> None:
    worker, post_holder = citizen("19800101"), citizen("19810101", "021")
    hand.member(hand.household("3607321012010001"), worker)
    hand.member(hand.household("3607321012010002"), post_holder)
    hand.minimum_wage(COUNTY, 1610, "20210401")
    hand.minimum_wage(COUNTY, 1720, "20240701")
    hand.minimum_wage(COUNTY, 1800, "20240915")
    for month, income in (("2024-06", 1650), ("2024-07", 1650), ("2024-09", 1750), ("2024-10", 1750)):
        hand.hr(worker, month, "21", income)
        hand.hr(post_holder, month, "23", 600)
    hand.placement(post_holder, "20240101")
    for month in ("2024-06", "2024-07"):
        hand.payment(f"GY{month}", "GY01", payee=post_holder, month=month, fen=100000)
        hand.payment(f"GF{month}", "GF01", payee=post_holder, month=month, fen=65000)

    found = checked(hand, open_store(store_url))

    assert found["INCOME_BELOW_NORMAL"] == {(worker, "2024-07"), (worker, "2024-10")}
    assert found["PUBLIC_POST_OVER_MIN_WAGE"] == {(post_holder, "2024-06")}


def test_a_drop_of_exactly_thirty_percent_counts(hand: HandSources, open_store: Opener, store_url: str) -> None:
    exact, short, year, zero, was_idle = (citizen("19800101", f"0{n}1") for n in range(1, 6))
    for number, person in enumerate((exact, short, year, zero, was_idle), start=1):
        hand.member(hand.household(f"36073210120100{number:02d}"), person)
    hand.hr(exact, "2024-01", "11", 7000)
    hand.hr(exact, "2024-02", "11", 4900)
    hand.hr(short, "2024-01", "11", 7000)
    hand.hr(short, "2024-02", "11", 4901)
    hand.followup(year, "2023-03", "县内务工", 5000.0)
    hand.followup(year, "2024-03", "县内务工", 3500.0)
    hand.hr(zero, "2024-01", "21", 0)
    hand.hr(zero, "2024-02", "21", 0)
    hand.hr(was_idle, "2024-01", "90", 3000)
    hand.hr(was_idle, "2024-02", "32", 2000)

    found = checked(hand, open_store(store_url))

    assert found["INCOME_DROP"] == {(exact, "2024-02"), (year, "2024-03"), (was_idle, "2024-02")}


def test_a_returnee_unemployed_two_months_later(hand: HandSources, open_store: Opener, store_url: str) -> None:
    stays, works_again = citizen("19800101"), citizen("19810101", "021")
    hand.member(hand.household("3607321012010001"), stays)
    hand.member(hand.household("3607321012010002"), works_again)
    for person in (stays, works_again):
        hand.followup(person, "2024-03", "返乡")
        hand.hr(person, "2024-04", "90")
    hand.hr(stays, "2024-05", "90")
    hand.hr(works_again, "2024-05", "12", 4000)

    found = checked(hand, open_store(store_url))

    assert found["RETURNEE_NOT_REEMPLOYED"] == {(stays, "2024-05")}


def test_late_follow_ups_belong_to_the_household_village_or_the_ledger_village(
    hand: HandSources, open_store: Opener, store_url: str
) -> None:
    here, there = citizen("19800101"), citizen("19810101", "021")
    hand.member(hand.household("3607321012010001", VILLAGE), here)
    hand.member(hand.household("3607331022010001", FAR_VILLAGE), there)
    hand.followup(here, "2024-05", "务农", visit="2024-05-20", entry="2024-05-25")
    hand.followup(here, "2024-06", "务农", visit="2024-06-21", entry="2024-06-22")
    hand.followup(there, "2024-05", "务农", visit="2024-05-02", entry="2024-05-26")
    hand.ledger(VILLAGE2, "2024-06", [(there, "务农", "2024-07-01")])

    found = checked(hand, open_store(store_url))

    assert found["FOLLOWUP_LATE"] == {(VILLAGE, "2024-06"), (FAR_VILLAGE, "2024-05"), (VILLAGE2, "2024-06")}
    assert found["FOLLOWUP_MISSING"] == set()


def test_scale_declines_when_fewer_laborers_work_than_a_year_earlier(
    hand: HandSources, open_store: Opener, store_url: str
) -> None:
    a, b, c = citizen("19800101"), citizen("19810101", "021"), citizen("19820101", "031")
    hand.member(hand.household("3607321012010001"), a)
    hand.member(hand.household("3607321012010002"), b)
    hand.member(hand.household("3607331022010001", FAR_VILLAGE), c)
    hand.hr(a, "2023-05", "11", 5000)
    hand.hr(b, "2023-05", "11", 5000)
    hand.hr(a, "2024-05", "11", 5000)
    hand.hr(b, "2024-05", "41")
    hand.hr(c, "2023-06", "21", 3000)
    hand.hr(c, "2024-06", "90")

    found = checked(hand, open_store(store_url))

    assert found["SCALE_DECLINE"] == {(COUNTY, "2024-05"), (OTHER_COUNTY, "2024-06")}


def test_organisation_subsidies_need_hr_employment_by_that_organisation_and_an_open_workshop(
    hand: HandSources, open_store: Opener, store_url: str
) -> None:
    hired, elsewhere = citizen("19800101"), citizen("19810101", "021")
    hand.member(hand.household("3607321012010001"), hired)
    hand.member(hand.household("3607321012010002"), elsewhere)
    hand.hr(hired, "2024-05", "22", 2500, employer=ORG.lower())
    hand.hr(elsewhere, "2024-05", "21", 2500, employer=OTHER_ORG)
    hand.workshop("CJ01", state="停产", updated="2024-04-30 10:00:00")
    hand.payment("FF01", "CJ01", org=ORG, subject=hired, month="2024-04")
    hand.payment("FF02", "CJ01", org=ORG, subject=hired, month="2024-05")
    hand.payment("FF03", "XN01", org=ORG, subject=elsewhere, month="2024-05")

    found = checked(hand, open_store(store_url))

    assert found["EMPLOYER_SUBSIDY_WITHOUT_EMPLOYMENT"] == {("FF01",), ("FF03",)}
    assert found["WORKSHOP_SUBSIDY_WHILE_CLOSED"] == {("FF02",)}


def test_one_account_paying_two_households(hand: HandSources, open_store: Opener, store_url: str) -> None:
    a, b, c = citizen("19800101"), citizen("19810101", "021"), citizen("19820101", "031")
    together = hand.household("3607321012010001")
    hand.member(together, a)
    hand.member(together, c)
    hand.member(hand.household("3607321012010002"), b)
    hand.payment("FF01", "JT01", payee=a, account="6222 0000 1111")
    hand.payment("FF02", "JT01", payee=b, account="622200001111")
    hand.payment("FF03", "JT01", payee=a, account="6222 0000 2222")
    hand.payment("FF04", "JT01", payee=c, account="622200002222")

    found = checked(hand, open_store(store_url))

    assert found["SHARED_BANK_ACCOUNT"] == {("622200001111",)}


def test_a_shared_account_counts_only_registered_payees_and_their_payments(
    hand: HandSources, open_store: Opener, store_url: str
) -> None:
    a, b, stranger = citizen("19800101"), citizen("19810101", "021"), citizen("19820101", "031")
    first, second = hand.household("3607321012010001"), hand.household("3607321012010002")
    hand.member(first, a)
    hand.member(second, b)
    hand.payment("FF01", "JT01", payee=a, account="622200003333", month="2024-04")
    hand.payment("FF02", "JT01", payee=a, account="622200003333", month="2024-05")
    hand.payment("FF03", "JT01", payee=b, account="622200003333", county=OTHER_COUNTY)
    hand.payment("FF04", "JT01", payee=stranger, account="622200003333")
    store = open_store(store_url)

    found = checked(hand, store)
    report = run_rules(store.engine, rules=[rule_named("SHARED_BANK_ACCOUNT")])
    with store.engine.connect() as connection:
        (finding,) = read_findings(connection, report.run, [rule_named("SHARED_BANK_ACCOUNT")])

    assert found["SHARED_BANK_ACCOUNT"] == {("622200003333",)}
    assert sorted(finding.evidence["households"]) == [first, second]
    assert (finding.evidence["payees"], finding.evidence["payments"]) == (2, 3)


def test_other_follow_up_deadlines_are_judged_without_the_late_index(
    hand: HandSources, open_store: Opener, store_url: str
) -> None:
    early, late = citizen("19800101"), citizen("19810101", "021")
    hand.member(hand.household("3607321012010001", VILLAGE), early)
    hand.member(hand.household("3607331022010001", FAR_VILLAGE), late)
    hand.followup(early, "2024-05", "务农", visit="2024-05-15", entry="2024-05-20")
    hand.followup(late, "2024-05", "务农", visit="2024-05-16", entry="2024-05-20")
    hand.followup(early, "2024-06", "务农", visit="2024-06-10", entry="2024-06-21")
    store = open_store(store_url)
    earlier = load_rule_config({"thresholds": {"visit_by_day": 15, "entry_by_day": 20}})

    found = subjects_found(store, "FOLLOWUP_LATE", config=earlier)

    assert found["FOLLOWUP_LATE"] == {(FAR_VILLAGE, "2024-05"), (VILLAGE, "2024-06")}
