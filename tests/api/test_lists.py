"""Every list filter, Relay paging round trips, and the page cap (the test hub's cap is 3, default page 2)."""

from __future__ import annotations

import pytest

from tests.api.conftest import Hub
from tests.api.data import E1, E2, H1, H2, H3, H4, P1, P2, P3, P4, P5, P6, P7, V1, V2, V3, V4, V5, V6, V7


def keys(hub: Hub, field: str, arguments: str, key: str) -> list[str]:
    """Every node of a list, following pageInfo.endCursor to the end; checks totalCount on the way."""
    found: list[str] = []
    after = None
    total = None
    while True:
        page_arguments = ", ".join(filter(None, [arguments, f'after: "{after}"' if after else ""]))
        query = (
            f"{{ {field}{f'({page_arguments})' if page_arguments else ''} {{ totalCount "
            f"pageInfo {{ hasNextPage endCursor }} nodes {{ {key} }} }} }}"
        )
        page = hub.query(query)[field]
        total = page["totalCount"] if total is None else total
        assert page["totalCount"] == total
        found.extend(str(node[key]) for node in page["nodes"])
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert len(found) == total
    return found


@pytest.mark.parametrize(
    ("arguments", "expected"),
    [
        ("", [H1, H2, H3, H4]),
        ('regionCode: "360732"', [H1, H2, H3]),
        ('regionCode: "360732100"', [H1, H2]),
        ("status: [UNSTABLE, LIFTED]", [H2, H3]),
        ("monitored: true", [H2]),
        ("monitored: false", [H1, H3, H4]),
        ('zeroEmploymentIn: "2024-05"', [H2, H4]),
        ('zeroEmploymentIn: "2023-05"', [H4]),
    ],
)
def test_household_filters(hub: Hub, arguments: str, expected: list[str]) -> None:
    assert keys(hub, "households", arguments, "householdNo") == expected


@pytest.mark.parametrize(
    ("arguments", "expected"),
    [
        ("", [P1, P2, P4, P5, P6, P7]),
        ("laborCategory: [NONE]", [P3]),
        ('regionCode: "360732"', [P1, P2, P4, P5, P6]),
        ('regionCode: "360732101201"', [P6]),
        ("householdStatus: [LIFTED, UNSTABLE]", [P4, P5, P6]),
        ("willingness: [NO]", [P2]),
        ("laborCategory: [NORMAL, SKILLED, SEMI_WEAK, NONE], student: true", [P3]),
        ('period: "2024-05", employmentStatus: [WORKSHOP, FARMING]', [P2, P7]),
        ('period: "2024-05", employed: true', [P1, P2, P6]),
        ('period: "2024-05", employed: false', [P4, P7]),
        ('period: "2024-05", statusKnown: false', [P5]),
        ('period: "2024-06", returned: true', [P6]),
        ('period: "2024-05", returned: true', []),
        ('period: "2024-05", followedUp: true', [P1, P4, P6]),
        ('period: "2024-05", followedUp: false, regionCode: "360732"', [P2, P5]),
    ],
)
def test_laborer_filters(hub: Hub, arguments: str, expected: list[str]) -> None:
    assert keys(hub, "laborers", arguments, "citizenId") == sorted(expected)


@pytest.mark.parametrize(
    ("arguments", "expected"),
    [
        ("", [V1, V2, V3, V5, V6, V7, V4]),
        ("subsidyType: [TRANSPORT]", [V3, V7, V4]),
        ("effective: true", [V1, V2, V6, V7]),
        ("status: [RETURNED]", [V5]),
        ("reversed: true", [V3]),
        ('period: "2024-06"', []),
        ('regionCode: "360781"', [V6]),
        ('regionCode: "360732100202"', [V1]),
        ('regionCode: "360732"', [V1, V2, V3, V5, V7, V4]),
        (f'beneficiaryCitizenId: "{P6[:6] + P6[8:17]}"', [V3, V4]),
        (f'payeeCreditCode: "{E2}", effective: true', [V2]),
    ],
)
def test_payment_filters(hub: Hub, arguments: str, expected: list[str]) -> None:
    assert keys(hub, "payments", arguments, "voucher") == expected


@pytest.mark.parametrize(
    ("field", "arguments", "key", "expected"),
    [
        ("employers", 'regionCode: "360732"', "creditCode", sorted([E1, E2])),
        ("employers", "employerType: [WORKSHOP]", "creditCode", [E2]),
        ("employers", "inIndustrialPark: true", "creditCode", [E1]),
        ("employers", 'regionCode: "360732100"', "creditCode", []),
        ("workshops", "status: [OPERATING]", "code", ["FPCJ0001"]),
        ("workshops", 'regionCode: "360781"', "code", []),
        ("jobPostings", 'openOn: "2024-05-01"', "title", ["装配工"]),
        ("jobPostings", 'openOn: "2025-01-01"', "title", []),
        ("publicWelfarePosts", 'activeIn: "2024-05"', "postName", ["保洁员"]),
        ("publicWelfarePosts", 'activeIn: "2023-12"', "postName", []),
        ("trainings", "certified: true", "institution", ["兴国县职校"]),
        ("trainings", "trainingType: [JOB_SKILLS]", "institution", []),
        ("minimumWages", 'regionCode: "360732"', "monthlyAmount", ["1610.00", "1750.00"]),
        ("followUps", 'period: "2024-05"', "citizenId", [P1, P4, P6]),
        ("followUps", "source: [LEDGER]", "citizenId", [P6]),
        ("followUps", "returned: true", "period", ["2024-06"]),
        ("returnEvents", 'regionCode: "360732"', "period", ["2024-06"]),
        ("returnEvents", 'period: "2024-05"', "period", []),
        ("monthlyEmployment", 'period: "2024-05"', "citizenId", sorted([P1, P2, P4, P6, P7])),
        ("monthlyEmployment", 'period: "2024-05", status: [UNEMPLOYED]', "citizenId", [P4]),
        ("monthlyEmployment", 'period: "2024-05", regionCode: "360781"', "citizenId", [P7]),
        ("conflicts", 'element: "name"', "subjectKey", [P1, P7]),
        ("conflicts", 'regionCode: "360781"', "subjectKey", [P7]),
        ("quarantine", "fault: [ID_CHECKSUM]", "sourceKey", ["77"]),
        ("quarantine", "source: [LEDGER]", "sourceKey", ["y.xlsx:5"]),
        ("regions", 'parentCode: "360732100"', "code", ["360732100201", "360732100202"]),
    ],
)
def test_other_list_filters(hub: Hub, field: str, arguments: str, key: str, expected: list[str]) -> None:
    assert keys(hub, field, arguments, key) == expected


def test_paging_round_trip_with_edges(hub: Hub) -> None:
    seen: list[str] = []
    after = None
    pages = 0
    while True:
        page = hub.query(
            "query($after: String) { laborers(after: $after) { totalCount edges { cursor node { citizenId } } "
            "pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }",
            {"after": after},
        )["laborers"]
        pages += 1
        edges = page["edges"]
        assert len(edges) <= 2
        assert page["pageInfo"]["startCursor"] == edges[0]["cursor"]
        assert page["pageInfo"]["endCursor"] == edges[-1]["cursor"]
        assert page["pageInfo"]["hasPreviousPage"] is (after is not None)
        seen.extend(edge["node"]["citizenId"] for edge in edges)
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = edges[-1]["cursor"]
    assert pages == 3
    assert seen == sorted([P1, P2, P4, P5, P6, P7])
    resumed = hub.query(
        "query($after: String) { laborers(first: 3, after: $after) { nodes { citizenId } } }", {"after": after}
    )["laborers"]["nodes"]
    assert [node["citizenId"] for node in resumed] == seen[4:]


def test_a_page_of_zero_still_counts(hub: Hub) -> None:
    page = hub.query("{ households(first: 0) { totalCount nodes { householdNo } pageInfo { hasNextPage endCursor } } }")
    assert page["households"] == {"totalCount": 4, "nodes": [], "pageInfo": {"hasNextPage": True, "endCursor": None}}


def test_region_lists_hang_off_the_region(hub: Hub) -> None:
    data = hub.query(
        '{ region(code: "360732100") { children { code } households(first: 3) { totalCount nodes { householdNo } }'
        ' laborers(period: "2024-05", employmentStatus: [UNEMPLOYED]) { nodes { citizenId } } } }'
    )["region"]
    assert data == {
        "children": [{"code": "360732100201"}, {"code": "360732100202"}],
        "households": {"totalCount": 2, "nodes": [{"householdNo": H1}, {"householdNo": H2}]},
        "laborers": {"nodes": [{"citizenId": P4}]},
    }
