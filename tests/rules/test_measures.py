"""Suggested measures: concrete postings, workshops, posts or training, ranked, each with its reason."""

from __future__ import annotations

import json
from typing import Any

from graph.rules import read_findings, rule_named, run_rules
from graph.store import Store
from tests.rules.sources import FAR_VILLAGE, VILLAGE, VILLAGE2, HandSources, citizen, synced

ALERTS = [rule_named("ZERO_EMPLOYMENT_HOUSEHOLD"), rule_named("INCOME_DROP")]
SAME_CITY_COUNTY = "360733"


def measures_by_subject(store: Store) -> dict[tuple[str, ...], list[dict[str, Any]]]:
    report = run_rules(store.engine, rules=ALERTS)
    with store.engine.connect() as connection:
        return {
            tuple(finding.subject.values()): finding.measures
            for finding in read_findings(connection, report.run, ALERTS)
        }


def titles(measures: list[dict[str, Any]]) -> list[str]:
    return [measure["title"] for measure in measures]


def test_laborers_get_open_postings_nearest_county_first_with_their_skill_met(
    hand: HandSources, sqlite_url: str
) -> None:
    plain, skilled = citizen("19800101"), citizen("19810101", "021")
    hand.member(hand.household("3607321012010001"), plain)
    hand.member(hand.household("3607321012010002"), skilled, labor="技能劳动力")
    hand.hr(plain, "2024-05", "90")
    hand.hr(skilled, "2024-05", "90", skill="高级工")
    hand.posting("普工", wages=(3000, 4500))
    hand.posting("装配工", county=SAME_CITY_COUNTY, wages=(5000, 8000))
    hand.posting("焊工", skill="高级工", wages=(6000, 9000))
    hand.posting("过期岗位", wages=(9000, 9900), published="20230101", until="20231231")

    with synced(hand, sqlite_url) as store:
        found = measures_by_subject(store)

    plain_measures = found[("3607321012010001", "2024-05")]
    assert [m["title"].split("（")[0] for m in plain_measures] == ["普工", "装配工"]
    assert [m["rank"] for m in plain_measures] == [1, 2]
    assert plain_measures[0]["kind"] == "JOB_POSTING" and plain_measures[0]["for"] == plain
    assert plain_measures[0]["reason"].startswith("岗位无技能要求; 同县")
    assert "月薪 3,000–4,500 元" in plain_measures[0]["reason"]
    assert plain_measures[1]["reason"].startswith("岗位无技能要求; 本市外县")
    skilled_measures = found[("3607321012010002", "2024-05")]
    assert skilled_measures[0]["title"].startswith("焊工")
    assert skilled_measures[0]["reason"].startswith("岗位要求高级工, 本人高级工; 同县")


def test_an_income_alert_only_suggests_postings_that_pay_more(hand: HandSources, sqlite_url: str) -> None:
    worker = citizen("19800101")
    hand.member(hand.household("3607321012010001"), worker)
    hand.hr(worker, "2024-04", "21", 6000)
    hand.hr(worker, "2024-05", "21", 4000)
    hand.posting("普工", wages=(3000, 3800))
    hand.posting("装配工", county=SAME_CITY_COUNTY, wages=(5000, 8000))

    with synced(hand, sqlite_url) as store:
        found = measures_by_subject(store)

    measures = found[(worker, "2024-05")]
    assert [m["title"].split("（")[0] for m in measures] == ["装配工"]
    assert "现月收入 4,000 元" in measures[0]["reason"]


def test_semi_weak_laborers_get_workshops_and_posts_in_their_township(hand: HandSources, sqlite_url: str) -> None:
    weak = citizen("19700101")
    hand.member(hand.household("3607321012010001", VILLAGE), weak, labor="弱劳动力或半劳动力")
    hand.hr(weak, "2024-05", "90")
    hand.workshop("W1", updated="2024-01-01 08:00:00", village=VILLAGE)
    hand.workshop("W2", updated="2024-01-01 08:00:00", village=VILLAGE2)
    hand.workshop("W3", updated="2024-01-01 08:00:00", village=FAR_VILLAGE)
    hand.workshop("W4", state="停产", updated="2024-01-01 08:00:00", village=VILLAGE)
    hand.placement(citizen("19750101", "031"), "20230101", "20240420", village=VILLAGE)
    hand.posting("普工")

    with synced(hand, sqlite_url) as store:
        found = measures_by_subject(store)

    measures = found[("3607321012010001", "2024-05")]
    assert titles(measures) == [f"保洁员（{VILLAGE}）", "W1帮扶车间", "W2帮扶车间"]
    assert [m["kind"] for m in measures] == ["PUBLIC_WELFARE_POST", "WORKSHOP", "WORKSHOP"]
    assert "1 人于 2024-04-20 离岗, 可补缺" in measures[0]["reason"]
    assert measures[1]["reason"] == "扶贫车间运营中; 本村"
    assert measures[2]["reason"] == "扶贫车间运营中; 同乡镇"


def test_training_when_nothing_else_fits(hand: HandSources, sqlite_url: str) -> None:
    weak, trained = citizen("19700101"), citizen("19900101", "041")
    hand.member(hand.household("3607321012010001"), weak, labor="弱劳动力或半劳动力")
    hand.member(hand.household("3607321012010009"), trained)
    hand.hr(weak, "2024-05", "90")
    hand.hr(trained, "2024-05", "11", 6000)
    hand.training(trained, "01", "县农广校")

    with synced(hand, sqlite_url) as store:
        found = measures_by_subject(store)

    measures = found[("3607321012010001", "2024-05")]
    assert titles(measures) == ["县农广校·农业实用技术培训"]
    assert measures[0]["kind"] == "TRAINING"
    assert measures[0]["reason"] == "农业实用技术培训; 本县已培训 1 人, 取证 1 人; 适合本人劳动力类别; 暂无匹配岗位"
    assert json.loads(json.dumps(measures)) == measures
