"""Region scope over real HTTP: outside its prefix, a client sees nothing, not even that something exists."""

from __future__ import annotations

from hub.auth.scopes import SCOPES
from tests.api.clients import new_client
from tests.api.conftest import Hub
from tests.api.data import H1, H4, P1, P7, V1, V6

ALL = ",".join(SCOPES)
LOOKUPS = """query($h: String!, $p: CitizenId!, $v: String!) {
  household(householdNo: $h) { householdNo }
  laborer(citizenId: $p) { name }
  payment(voucher: $v) { voucher }
  accessLog(citizenId: $p) { totalCount }
}"""


def test_lookups_outside_the_region_behave_as_if_nothing_were_there(hub: Hub) -> None:
    _, county = new_client(hub, ALL, "360781")
    inside = hub.query(LOOKUPS, {"h": H4, "p": P7, "v": V6}, key=county)
    assert inside["household"] == {"householdNo": H4}
    assert inside["laborer"] == {"name": "周四"}
    assert inside["payment"] == {"voucher": V6}
    outside = hub.post(LOOKUPS, {"h": H1, "p": P1, "v": V1}, key=county).json()
    missing = hub.post(LOOKUPS, {"h": "360781100201999", "p": "11010519491231002X", "v": "NOPE"}, key=county).json()
    assert (
        outside
        == missing
        == {"data": {"household": None, "laborer": None, "payment": None, "accessLog": {"totalCount": 0}}}
    )


def test_node_ids_from_outside_the_region_resolve_to_nothing(hub: Hub) -> None:
    ids = hub.query(f'{{ household(householdNo: "{H1}") {{ id members {{ id }} }} }}')["household"]
    _, county = new_client(hub, ALL, "360781")
    data = hub.query(
        "query($ids: [ID!]!) { nodes(ids: $ids) { id } }", {"ids": [ids["id"], ids["members"][0]["id"]]}, key=county
    )
    assert data == {"nodes": [None, None]}


def test_nested_lists_and_counts_stay_inside_the_region(hub: Hub) -> None:
    _, county = new_client(hub, ALL, "360781")
    data = hub.query(
        """{ region(code: "360781") { households(first: 3) { totalCount nodes { householdNo } } }
             employers { totalCount } conflicts { totalCount nodes { subjectKey } } }""",
        key=county,
    )
    assert data["region"]["households"] == {"totalCount": 1, "nodes": [{"householdNo": H4}]}
    assert data["employers"]["totalCount"] == 0
    assert data["conflicts"] == {"totalCount": 1, "nodes": [{"subjectKey": P7}]}
