"""regionStats on the hand-made store: figures counted by hand, and each one equal to its list's totalCount."""

from __future__ import annotations

from tests.api.conftest import Hub

STATS = """query($code: String!, $period: Period!) { regionStats(code: $code, period: $period) {
  region { name } period laborers noEmploymentRecord employed employedYearEarlier zeroEmploymentHouseholds returnees
  byEmploymentStatus { status laborers }
  followUps { laborers headcount laborAbility employmentStatus employmentIncome willingness complete completeness }
  subsidiesPaid { subsidyType payments amount } subsidiesPaidTotal } }"""


def test_county_month_counted_by_hand(hub: Hub) -> None:
    stats = hub.query(STATS, {"code": "360732", "period": "2024-05"})["regionStats"]
    by_status = {row["status"]: row["laborers"] for row in stats["byEmploymentStatus"]}
    assert {status: n for status, n in by_status.items() if n} == {
        "IN_COUNTY_ENTERPRISE": 1,
        "WORKSHOP": 1,
        "UNEMPLOYED": 1,
        "OUT_OF_PROVINCE": 1,
    }
    assert len(by_status) == 9
    assert {
        key: stats[key]
        for key in (
            "laborers",
            "noEmploymentRecord",
            "employed",
            "employedYearEarlier",
            "zeroEmploymentHouseholds",
            "returnees",
        )
    } == {
        "laborers": 5,
        "noEmploymentRecord": 1,
        "employed": 3,
        "employedYearEarlier": 3,
        "zeroEmploymentHouseholds": 1,
        "returnees": 0,
    }
    assert stats["region"] == {"name": "兴国县"}
    assert stats["followUps"] == {
        "laborers": 5,
        "headcount": 3,
        "laborAbility": 5,
        "employmentStatus": 4,
        "employmentIncome": 3,
        "willingness": 4,
        "complete": 2,
        "completeness": 0.4,
    }
    paid = {row["subsidyType"]: (row["payments"], row["amount"]) for row in stats["subsidiesPaid"]}
    assert paid["PUBLIC_WELFARE_POST"] == (1, "800.00")
    assert paid["EMPLOYER_HIRING"] == (1, "1000.00")
    assert paid["TRANSPORT"] == (1, "200.00")  # the reversed voucher does not count; the unregistered payee's does
    assert paid["JOB_SEEKING"] == (0, "0.00")  # returned
    assert stats["subsidiesPaidTotal"] == "2000.00"


def test_returnees_and_village_level(hub: Hub) -> None:
    june = hub.query(STATS, {"code": "360732", "period": "2024-06"})["regionStats"]
    assert june["returnees"] == 1
    village = hub.query(STATS, {"code": "360732100202", "period": "2024-05"})["regionStats"]
    assert (village["laborers"], village["employed"], village["zeroEmploymentHouseholds"]) == (2, 0, 1)
    assert {row["subsidyType"]: row["payments"] for row in village["subsidiesPaid"] if row["payments"]} == {
        "PUBLIC_WELFARE_POST": 1
    }


def test_every_figure_matches_its_list(hub: Hub) -> None:
    for code, period in (("360732", "2024-05"), ("36", "2024-05"), ("360732100", "2024-06")):
        stats = hub.query(STATS, {"code": code, "period": period})["regionStats"]
        year_earlier = f"{int(period[:4]) - 1}{period[4:]}"
        lists = hub.query(
            """query($code: String!, $period: Period!, $before: Period!) {
              all: laborers(regionCode: $code) { totalCount }
              employed: laborers(regionCode: $code, period: $period, employed: true) { totalCount }
              before: laborers(regionCode: $code, period: $before, employed: true) { totalCount }
              unknown: laborers(regionCode: $code, period: $period, statusKnown: false) { totalCount }
              returned: laborers(regionCode: $code, period: $period, returned: true) { totalCount }
              visited: laborers(regionCode: $code, period: $period, followedUp: true) { totalCount }
              zero: households(regionCode: $code, zeroEmploymentIn: $period) { totalCount }
              paid: payments(regionCode: $code, period: $period, effective: true, first: 3) { totalCount }
            }""",
            {"code": code, "period": period, "before": year_earlier},
        )
        assert stats["laborers"] == lists["all"]["totalCount"]
        assert stats["employed"] == lists["employed"]["totalCount"]
        assert stats["employedYearEarlier"] == lists["before"]["totalCount"]
        assert stats["noEmploymentRecord"] == lists["unknown"]["totalCount"]
        assert stats["returnees"] == lists["returned"]["totalCount"]
        assert stats["followUps"]["headcount"] == lists["visited"]["totalCount"]
        assert stats["zeroEmploymentHouseholds"] == lists["zero"]["totalCount"]
        assert sum(row["payments"] for row in stats["subsidiesPaid"]) == lists["paid"]["totalCount"]
        for row in stats["byEmploymentStatus"]:
            listed = hub.query(
                f'{{ laborers(regionCode: "{code}", period: "{period}", employmentStatus: [{row["status"]}]) '
                "{ totalCount } }"
            )
            assert row["laborers"] == listed["laborers"]["totalCount"], row
