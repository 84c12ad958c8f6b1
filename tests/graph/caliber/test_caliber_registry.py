"""The shipped caliber registry: CALIBER.md's code lists and every department value the DDL names."""

from __future__ import annotations

import pytest

from graph.caliber import Invalid, load_caliber

# Every value the departments' DDL comments and the ledger layout name, with the code CALIBER.md gives it.
DEPARTMENT_VALUES: dict[tuple[str, str], dict[str, str]] = {
    ("hr", "employment_status"): {
        "11": "OUT_OF_PROVINCE",
        "12": "IN_PROVINCE",
        "21": "IN_COUNTY_ENTERPRISE",
        "22": "WORKSHOP",
        "23": "PUBLIC_WELFARE_POST",
        "31": "SELF_EMPLOYED",
        "32": "FLEXIBLE",
        "41": "FARMING",
        "90": "UNEMPLOYED",
    },
    ("hr", "sex"): {"1": "M", "2": "F"},
    ("hr", "employer_type"): {
        "01": "ENTERPRISE",
        "02": "FAMILY_FARM",
        "03": "COOPERATIVE",
        "04": "WORKSHOP",
        "09": "OTHER",
    },
    ("hr", "yes_no"): {"Y": "YES", "N": "NO"},
    ("hr", "training_type"): {
        "01": "AGRICULTURAL_TECHNIQUE",
        "02": "EMPLOYMENT_SKILLS",
        "03": "JOB_SKILLS",
        "04": "ENTREPRENEURSHIP",
    },
    ("hr", "skill_level"): {
        "初级工": "JUNIOR",
        "中级工": "INTERMEDIATE",
        "高级工": "SENIOR",
        "技师": "TECHNICIAN",
        "高级技师": "SENIOR_TECHNICIAN",
    },
    ("hr", "minimum_wage_tier"): {"1": "TIER_1", "2": "TIER_2", "3": "TIER_3"},
    ("poverty", "household_status"): {
        "已脱贫": "LIFTED",
        "未脱贫": "POOR",
        "脱贫不稳定户": "UNSTABLE",
        "边缘易致贫户": "MARGINAL",
        "突发严重困难户": "SUDDEN_HARDSHIP",
    },
    ("poverty", "labor_category"): {
        "普通劳动力": "NORMAL",
        "技能劳动力": "SKILLED",
        "弱劳动力或半劳动力": "SEMI_WEAK",
        "丧失劳动力": "NONE",
        "无劳动力": "NONE",
    },
    ("poverty", "willingness"): {"愿意": "YES", "不愿意": "NO", "未定": "UNDECIDED"},
    ("poverty", "relation_to_head"): {
        "户主": "HEAD",
        "配偶": "SPOUSE",
        "子": "SON",
        "女": "DAUGHTER",
        "父亲": "FATHER",
        "母亲": "MOTHER",
        "孙子": "GRANDSON",
        "孙女": "GRANDDAUGHTER",
        "其他": "OTHER",
    },
    ("poverty", "disability"): {
        "无": "NONE",
        "视力": "VISUAL",
        "听力": "HEARING",
        "言语": "SPEECH",
        "肢体": "PHYSICAL",
        "智力": "INTELLECTUAL",
        "精神": "MENTAL",
        "多重": "MULTIPLE",
    },
    ("poverty", "school_status"): {
        "非在校生": "NOT_STUDENT",
        "小学": "PRIMARY",
        "初中": "JUNIOR_SECONDARY",
        "高中": "SENIOR_SECONDARY",
        "中职": "SECONDARY_VOCATIONAL",
        "高职": "HIGHER_VOCATIONAL",
        "本科及以上": "UNDERGRADUATE_OR_ABOVE",
    },
    ("poverty", "workshop_status"): {"运营": "OPERATING", "停产": "SUSPENDED", "注销": "DEREGISTERED"},
    ("finance", "subsidy_type"): {
        "GY01": "PUBLIC_WELFARE_POST",
        "GF01": "PV_PUBLIC_WELFARE_POST",
        "CJ01": "WORKSHOP",
        "XN01": "EMPLOYER_HIRING",
        "JT01": "TRANSPORT",
        "QZ01": "JOB_SEEKING",
        "PX01": "TRAINING",
        "CY01": "LOAN_INTEREST",
    },
    ("finance", "payment_status"): {"1": "PAID", "2": "RETURNED", "3": "REVERSAL"},
    ("finance", "fund_source"): {
        "就业补助资金": "EMPLOYMENT_SUBSIDY_FUND",
        "财政扶贫资金": "POVERTY_ALLEVIATION_FUND",
        "光伏收益": "PV_INCOME",
    },
}
FOLLOW_UP_LABELS = {
    "省外务工": "OUT_OF_PROVINCE",
    "省内务工": "IN_PROVINCE",
    "县内务工": "IN_COUNTY_ENTERPRISE",
    "车间就业": "WORKSHOP",
    "公益岗位": "PUBLIC_WELFARE_POST",
    "自主创业": "SELF_EMPLOYED",
    "灵活就业": "FLEXIBLE",
    "务农": "FARMING",
    "未就业": "UNEMPLOYED",
    "返乡": "UNEMPLOYED",
}
DEPARTMENT_VALUES["poverty", "employment_status"] = FOLLOW_UP_LABELS
DEPARTMENT_VALUES["ledger", "employment_status"] = FOLLOW_UP_LABELS
# The paying bank of connectors/README.md's worked example (a CSV payment file).
DEPARTMENT_VALUES["bank", "subsidy_type"] = {
    "公益性岗位补贴": "PUBLIC_WELFARE_POST",
    "光伏收益公益性岗位补贴": "PV_PUBLIC_WELFARE_POST",
    "扶贫车间补贴": "WORKSHOP",
    "帮扶车间补贴": "WORKSHOP",
    "企业吸纳就业补贴": "EMPLOYER_HIRING",
    "一次性交通补贴": "TRANSPORT",
    "一次性求职创业补贴": "JOB_SEEKING",
    "职业培训补贴": "TRAINING",
    "创业担保贷款贴息": "LOAN_INTEREST",
}
DEPARTMENT_VALUES["bank", "payment_status"] = {
    "成功": "PAID",
    "退票": "RETURNED",
    "失败": "RETURNED",
    "冲正": "REVERSAL",
}


def test_the_registry_is_versioned_and_loaded_once() -> None:
    caliber = load_caliber()
    assert caliber.version == "2024.1"
    assert load_caliber() is caliber
    assert set(caliber.departments()) == {"hr", "poverty", "finance", "ledger", "bank", "api"}


@pytest.mark.parametrize(("department", "element"), sorted(DEPARTMENT_VALUES))
def test_every_value_the_departments_write_maps_to_the_caliber_code(department: str, element: str) -> None:
    caliber = load_caliber()
    expected = DEPARTMENT_VALUES[department, element]
    assert caliber.mapping(department, element) == expected
    for value, code in expected.items():
        assert caliber.map_code(department, element, value) == code
        assert caliber.map_code(department, element, f" {value}\u3000") == code


def test_every_mapping_round_trips_through_its_code_list() -> None:
    caliber = load_caliber()
    for department in caliber.departments():
        for element, mapping in caliber.department(department).mappings.items():
            codes = {code.code for code in caliber.code_list(element)}
            for value, code in mapping.codes.items():
                assert code in codes
                assert value in caliber.source_values(department, element, code)
    assert {(d, e) for d in caliber.departments() for e in caliber.department(d).mappings} == set(DEPARTMENT_VALUES)


def test_returned_home_is_unemployed_plus_a_returned_event() -> None:
    caliber = load_caliber()
    for department in ("poverty", "ledger"):
        assert caliber.map_code(department, "employment_status", "返乡") == "UNEMPLOYED"
        assert caliber.event_for(department, "employment_status", " 返乡 ") == "RETURNED"
        assert caliber.event_for(department, "employment_status", "未就业") is None
    assert [event.code for event in caliber.element("employment_status").events] == ["RETURNED"]


@pytest.mark.parametrize(
    ("department", "element", "value"),
    [
        ("hr", "employment_status", "77"),
        ("ledger", "employment_status", "打工"),
        ("finance", "subsidy_type", "gy01"),
    ],
)
def test_an_unmapped_value_is_unknown_code_naming_element_and_value(department: str, element: str, value: str) -> None:
    caliber = load_caliber()
    with pytest.raises(Invalid, match=rf"{department} value '{value}' of {element} maps to no caliber code") as caught:
        caliber.map_code(department, element, value)
    assert (caught.value.fault, caught.value.element, caught.value.value) == ("unknown_code", element, value)
    with pytest.raises(Invalid, match="maps to no caliber code"):
        caliber.event_for(department, element, value)


def test_a_mapping_handed_out_is_the_callers_own_copy() -> None:
    caliber = load_caliber()
    table = caliber.mapping("hr", "employment_status")
    table["77"] = "WORKSHOP"
    with pytest.raises(Invalid):
        caliber.map_code("hr", "employment_status", "77")


def test_asking_for_what_does_not_exist_says_what_does() -> None:
    caliber = load_caliber()
    with pytest.raises(LookupError, match=r"unknown caliber element 'status'; expected one of \["):
        caliber.code_list("status")
    with pytest.raises(LookupError, match=r"unknown department 'tax'; expected one of \['api', 'bank', 'finance'"):
        caliber.mapping("tax", "sex")
    with pytest.raises(LookupError, match=r"department 'finance' has no mapping of 'sex'; it maps \["):
        caliber.map_code("finance", "sex", "1")


def test_code_lists_carry_calibers_definitions_as_flags() -> None:
    caliber = load_caliber()
    employed = {c.code for c in caliber.code_list("employment_status") if c.is_employed}
    assert {c.code for c in caliber.code_list("employment_status")} - employed == {"UNEMPLOYED", "FARMING"}
    monitored = {c.code for c in caliber.code_list("household_status") if c.is_monitored}
    assert monitored == {"UNSTABLE", "MARGINAL", "SUDDEN_HARDSHIP"}
    students = {c.code for c in caliber.code_list("school_status") if not c.is_student}
    assert students == {"NOT_STUDENT"}
    assert [c.code for c in caliber.code_list("labor_category") if not c.is_laborer] == ["NONE"]


def test_each_code_list_of_caliber_md_is_complete_with_names_and_definitions() -> None:
    caliber = load_caliber()
    lists = {
        "labor_category": {"NORMAL", "SKILLED", "SEMI_WEAK", "NONE"},
        "household_status": {"LIFTED", "POOR", "UNSTABLE", "MARGINAL", "SUDDEN_HARDSHIP"},
        "willingness": {"YES", "NO", "UNDECIDED"},
        "employer_type": {"ENTERPRISE", "FAMILY_FARM", "COOPERATIVE", "WORKSHOP", "OTHER"},
        "payment_status": {"PAID", "RETURNED", "REVERSAL"},
    }
    for element, codes in lists.items():
        assert {code.code for code in caliber.code_list(element)} == codes
    for element in caliber.elements.values():
        assert element.zh and element.en and element.definition
        for code in element.codes:
            assert code.zh and code.en and code.definition, (element.key, code.code)


def test_precedence_and_authority() -> None:
    caliber = load_caliber()
    assert caliber.precedence("employment_status") == ("hr", "poverty", "ledger")
    assert caliber.precedence("name")[0] == "poverty"
    assert caliber.precedence("subsidy_type") == ("finance",)
    assert caliber.element("labor_category").authority == "poverty"
    assert caliber.precedence("period") == ()
