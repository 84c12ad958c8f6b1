"""Masking over real HTTP: identifiers masked without pii:read, everywhere they can surface."""

from __future__ import annotations

import base64
import binascii
import re

from hub.auth.scopes import SCOPES
from tests.api.clients import new_client
from tests.api.conftest import Hub
from tests.api.data import H1, P1, P2, V5

EVERYTHING_BUT_PII = ",".join(scope for scope in SCOPES if scope != "pii:read")

PERSONAL = f"""{{
  household(householdNo: "{H1}") {{ id headCitizenId phone bankAccount members {{ id citizenId }} }}
  payment(voucher: "{V5}") {{ payeeCitizenId beneficiaryCitizenId account }}
  conflicts(first: 3) {{ nodes {{ subjectKey assertions {{ key value }} }} }}
  laborers(first: 3) {{ edges {{ cursor node {{ citizenId }} }} }}
}}"""


def _masked(value: str) -> str:
    return value[:4] + "*" * (len(value) - 8) + value[-4:]


def test_identifiers_are_masked_without_pii_read(hub: Hub) -> None:
    _, key = new_client(hub, EVERYTHING_BUT_PII)
    data = hub.query(PERSONAL, key=key)
    household = data["household"]
    assert household["headCitizenId"] == _masked(P1) == f"{P1[:4]}**********{P1[-4:]}"
    assert household["phone"] == "138****0000"
    assert household["bankAccount"] == "************0000"
    assert [m["citizenId"] for m in household["members"]][:2] == [_masked(P1), _masked(P2)]
    assert data["payment"] == {
        "payeeCitizenId": _masked(P1),
        "beneficiaryCitizenId": _masked(P1),
        "account": "************2222",
    }
    assert data["conflicts"]["nodes"][0]["subjectKey"] == _masked(P1)
    assert all("*" in edge["node"]["citizenId"] for edge in data["laborers"]["edges"])


def test_nothing_in_the_answer_carries_an_unmasked_identifier(hub: Hub) -> None:
    _, key = new_client(hub, EVERYTHING_BUT_PII)
    text = hub.post(PERSONAL, key=key).text
    assert not re.search(r"\d{15}", text), "an identifier-like run of digits escaped masking"
    # IDs and cursors are sealed: no decoding of them shows a citizen ID either
    data = hub.query(PERSONAL, key=key)
    tokens = [data["household"]["id"], *(m["id"] for m in data["household"]["members"])]
    tokens += [edge["cursor"] for edge in data["laborers"]["edges"]]
    for token in tokens:
        for decode in (base64.b64decode, base64.urlsafe_b64decode):
            try:
                decoded = decode(token + "=" * (-len(token) % 4))
            except (binascii.Error, ValueError):
                continue
            assert P1.encode() not in decoded and P1[:6].encode() not in decoded


def test_with_pii_read_every_identifier_is_whole(hub: Hub) -> None:
    _, key = new_client(hub, ",".join(SCOPES))
    data = hub.query(PERSONAL, key=key)
    assert data["household"]["headCitizenId"] == P1
    assert data["household"]["phone"] == "13800000000"
    assert data["household"]["bankAccount"] == "6217000099990000"
    assert data["payment"]["account"] == "6217000011112222"
    assert data["conflicts"]["nodes"][0]["subjectKey"] == P1


def test_ids_and_cursors_work_alike_for_masked_and_unmasked_clients(hub: Hub) -> None:
    _, plain = new_client(hub, EVERYTHING_BUT_PII)
    _, full = new_client(hub, ",".join(SCOPES))
    masked, whole = hub.query(PERSONAL, key=plain), hub.query(PERSONAL, key=full)
    assert masked["household"]["id"] == whole["household"]["id"]
    member = masked["household"]["members"][0]["id"]
    node = hub.query("query($id: ID!) { node(id: $id) { ... on Laborer { citizenId } } }", {"id": member}, key=plain)
    assert node == {"node": {"citizenId": _masked(P1)}}
    cursor = masked["laborers"]["edges"][-1]["cursor"]
    after = hub.query(
        "query($a: String) { laborers(first: 3, after: $a) { edges { node { citizenId } } } }", {"a": cursor}, key=full
    )
    assert after["laborers"]["edges"], "a cursor from one client's page continues the list for another"


def test_a_pii_client_filters_by_the_full_value(hub: Hub) -> None:
    _, full = new_client(hub, ",".join(SCOPES))
    data = hub.query(f'{{ payments(beneficiaryCitizenId: "{P1}") {{ nodes {{ voucher }} }} }}', key=full)
    assert data["payments"]["nodes"] == [{"voucher": V5}]
