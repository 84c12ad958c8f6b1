"""Lookups by every natural key, node(id) round trips, and nested relations both ways."""

from __future__ import annotations

from tests.api.conftest import Hub
from tests.api.data import E1, E2, H1, H2, P1, P2, P3, P4, P5, P6, P8, V2, V3, V4


def test_laborer_by_citizen_id_in_every_caliber_spelling(hub: Hub) -> None:
    legacy = P1[:6] + P1[8:17]  # the 15-digit ID of someone born in the 1900s
    spellings = [
        P1,
        legacy,
        " ".join([P1[:6], P1[6:14], P1[14:]]),
        P1.translate(str.maketrans("0123456789", "０１２３４５６７８９")),
    ]
    for spelling in spellings:
        data = hub.query("query($id: CitizenId!) { laborer(citizenId: $id) { citizenId name } }", {"id": spelling})
        assert data["laborer"] == {"citizenId": P1, "name": "赵大"}, spelling


def test_lookup_by_each_natural_key(hub: Hub) -> None:
    data = hub.query(
        f"""{{
          household(householdNo: "{H1}") {{ householdNo status village {{ code name }} }}
          employer(creditCode: "{E1.lower()}") {{ creditCode name employerType inIndustrialPark }}
          workshop(code: "FPCJ0001") {{ name status operator {{ creditCode }} }}
          payment(voucher: "{V3}") {{ voucher status effective reversal {{ voucher status reverses {{ voucher }} }} }}
          region(code: "360732") {{ name level parent {{ code }} path {{ code }} }}
          minimumWage(countyCode: "360732", period: "2024-05") {{ monthlyAmount effectiveFrom }}
          later: minimumWage(countyCode: "360732", period: "2024-06") {{ monthlyAmount }}
        }}"""
    )
    assert data["household"] == {
        "householdNo": H1,
        "status": "POOR",
        "village": {"code": "360732100201", "name": "东村"},
    }
    assert data["employer"] == {
        "creditCode": E1,
        "name": "兴国县富民电子厂",
        "employerType": "ENTERPRISE",
        "inIndustrialPark": True,
    }
    assert data["workshop"] == {"name": "东村帮扶车间", "status": "OPERATING", "operator": {"creditCode": E2}}
    assert data["payment"] == {
        "voucher": V3,
        "status": "PAID",
        "effective": False,
        "reversal": {"voucher": V4, "status": "REVERSAL", "reverses": {"voucher": V3}},
    }
    assert data["region"] == {
        "name": "兴国县",
        "level": "COUNTY",
        "parent": {"code": "3607"},
        "path": [{"code": "36"}, {"code": "3607"}, {"code": "360732"}],
    }
    assert data["minimumWage"] == {"monthlyAmount": "1610.00", "effectiveFrom": "2021-04-01"}
    assert data["later"] == {"monthlyAmount": "1750.00"}


def test_unknown_keys_give_null(hub: Hub) -> None:
    data = hub.query('{ household(householdNo: "nope") { householdNo } payment(voucher: "nope") { voucher } }')
    assert data == {"household": None, "payment": None}


def test_node_round_trip_for_every_node_type(hub: Hub) -> None:
    data = hub.query(
        f"""{{
          household(householdNo: "{H1}") {{ id members {{ id employment(period: "2024-05") {{ id }}
            payments {{ id }} trainings {{ id }} followUps {{ id }} }} }}
          laborer(citizenId: "{P6}") {{ id returnEvents {{ id }} }}
          employer(creditCode: "{E1}") {{ id postings {{ id }} }}
          workshop(code: "FPCJ0001") {{ id }}
          region(code: "360732") {{ id }}
          l5: laborer(citizenId: "{P5}") {{ publicWelfarePosts {{ id }} }}
        }}"""
    )
    ids = [
        data["household"]["id"],
        data["laborer"]["id"],
        data["employer"]["id"],
        data["workshop"]["id"],
        data["region"]["id"],
        data["employer"]["postings"][0]["id"],
        data["laborer"]["returnEvents"][0]["id"],
        data["l5"]["publicWelfarePosts"][0]["id"],
    ]
    for member in data["household"]["members"]:
        ids.extend(item["id"] for key in ("payments", "trainings", "followUps") for item in member[key])
        if member["employment"]:
            ids.append(member["employment"]["id"])
    assert len(set(ids)) == len(ids) >= 14
    found = hub.query("query($ids: [ID!]!) { nodes(ids: $ids) { id __typename } }", {"ids": ids})["nodes"]
    assert [node["id"] for node in found] == ids
    assert {node["__typename"] for node in found} == {
        "Household",
        "Laborer",
        "Employer",
        "Workshop",
        "Region",
        "JobPosting",
        "ReturnEvent",
        "PublicWelfarePost",
        "Payment",
        "Training",
        "FollowUp",
        "Employment",
    }


def test_household_members_and_back(hub: Hub) -> None:
    data = hub.query(
        f"""{{ household(householdNo: "{H1}") {{
              members {{ citizenId isLaborer laborCategory household {{ householdNo }} }}
              head {{ citizenId }} }} }}"""
    )["household"]
    assert [m["citizenId"] for m in data["members"]] == sorted([P1, P2, P3])
    assert {m["citizenId"]: m["isLaborer"] for m in data["members"]} == {P1: True, P2: True, P3: False}
    assert {m["household"]["householdNo"] for m in data["members"]} == {H1}
    assert data["head"] == {"citizenId": P1}


def test_laborer_employment_history_and_payments(hub: Hub) -> None:
    data = hub.query(
        f"""{{ laborer(citizenId: "{P6}") {{
              employment(period: "2024-05") {{ status income employer {{ name }} provenance {{ source table key }} }}
              employmentHistory(from: "2024-01") {{ period status returned }}
              all: employmentHistory {{ period }}
              incomeTrend(to: "2023-12") {{ period income status }}
              followUps(period: "2024-06") {{ returned status provenance {{ source table key }} }}
              returnEvents {{ period reportedBy {{ visitDate }} }}
              payments {{ voucher status effective reversedBy }}
              conflicts {{ element }}
            }} }}"""
    )["laborer"]
    assert data["employment"] == {
        "status": "OUT_OF_PROVINCE",
        "income": None,
        "employer": None,
        "provenance": {"source": "LEDGER", "table": "回访台账", "key": "x.xlsx:3"},
    }
    assert data["employmentHistory"] == [
        {"period": "2024-05", "status": "OUT_OF_PROVINCE", "returned": False},
        {"period": "2024-06", "status": "UNEMPLOYED", "returned": True},
    ]
    assert [row["period"] for row in data["all"]] == ["2023-05", "2024-05", "2024-06"]
    assert data["incomeTrend"] == [{"period": "2023-05", "income": "5200.00", "status": "OUT_OF_PROVINCE"}]
    assert data["followUps"] == [
        {"returned": True, "status": "UNEMPLOYED", "provenance": {"source": "POVERTY", "table": "HFJL", "key": "103"}}
    ]
    assert data["returnEvents"] == [{"period": "2024-06", "reportedBy": [{"visitDate": "2024-06-16"}]}]
    assert data["payments"] == [
        {"voucher": "FF202405003", "status": "PAID", "effective": False, "reversedBy": "FF202406004"},
        {"voucher": "FF202406004", "status": "REVERSAL", "effective": False, "reversedBy": None},
    ]
    assert data["conflicts"] == []


def test_employer_side(hub: Hub) -> None:
    data = hub.query(
        f"""{{ employer(creditCode: "{E2}") {{
              employees(period: "2024-05") {{ laborer {{ citizenId }} status income }}
              payments(period: "2024-05") {{
                voucher amount beneficiary {{ citizenId }} payeeEmployer {{ creditCode }} }}
              workshops {{ code laborers(period: "2024-05") {{ citizenId }} }}
            }}
            e1: employer(creditCode: "{E1}") {{ postings {{ title openings wageMin wageMax openOn(day: "2024-05-01") }}
              employees(period: "2023-05") {{ citizenId }} }} }}"""
    )
    assert data["employer"] == {
        "employees": [{"laborer": {"citizenId": P2}, "status": "WORKSHOP", "income": "1800.00"}],
        "payments": [
            {"voucher": V2, "amount": "1000.00", "beneficiary": {"citizenId": P2}, "payeeEmployer": {"creditCode": E2}}
        ],
        "workshops": [{"code": "FPCJ0001", "laborers": [{"citizenId": P2}]}],
    }
    assert data["e1"] == {
        "postings": [{"title": "装配工", "openings": 20, "wageMin": "2200.00", "wageMax": "3200.00", "openOn": True}],
        "employees": [{"citizenId": P1}],
    }


def test_provenance_conflicts_and_name_spellings(hub: Hub) -> None:
    data = hub.query(
        f"""{{ laborer(citizenId: "{P1}") {{
              provenance {{ source table key sourceUpdatedAt }}
              names {{ name source }}
              conflicts {{ element unifiedValue assertions {{ source value }} }}
              employment(period: "2024-05") {{ provenance {{ source table key sourceUpdatedAt }} }}
            }}
            p8: laborer(citizenId: "{P8}") {{
              registered isLaborer household {{ householdNo }} provenance {{ source }} }}
        }}"""
    )
    laborer = data["laborer"]
    assert laborer["provenance"] == {
        "source": "POVERTY",
        "table": "PKHCY",
        "key": P1[-4:],
        "sourceUpdatedAt": "2024-06-10T09:30:00",
    }
    assert laborer["names"] == [{"name": "赵达", "source": "HR"}, {"name": "赵大", "source": "POVERTY"}]
    assert laborer["conflicts"] == [
        {
            "element": "name",
            "unifiedValue": "赵大",
            "assertions": [{"source": "HR", "value": "赵达"}, {"source": "POVERTY", "value": "赵大"}],
        }
    ]
    assert laborer["employment"]["provenance"] == {
        "source": "HR",
        "table": "JY_LDLJYXX",
        "key": "7",
        "sourceUpdatedAt": "2024-06-10T09:30:00",
    }
    assert data["p8"] == {"registered": False, "isLaborer": False, "household": None, "provenance": None}


def test_household_zero_employment_flag(hub: Hub) -> None:
    data = hub.query(
        f"""{{ a: household(householdNo: "{H1}") {{ zeroEmployment(period: "2024-05") }}
              b: household(householdNo: "{H2}") {{ zeroEmployment(period: "2024-05") }}
              c: household(householdNo: "{H2}") {{ zeroEmployment(period: "2023-05") }} }}"""
    )
    assert data == {"a": {"zeroEmployment": False}, "b": {"zeroEmployment": True}, "c": {"zeroEmployment": False}}


def test_age_and_student(hub: Hub) -> None:
    data = hub.query(
        f'{{ laborer(citizenId: "{P3}") {{ age(period: "2024-05") isStudent laborCategory }} '
        f'p4: laborer(citizenId: "{P4}") {{ age(period: "2024-07") a: age(period: "2024-08") }} }}'
    )
    assert data == {"laborer": {"age": 11, "isStudent": True, "laborCategory": "NONE"}, "p4": {"age": 48, "a": 49}}
