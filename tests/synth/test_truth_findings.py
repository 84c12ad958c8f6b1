"""Ground-truth findings over tiny hand-built source sets: every rule, with the cases that are easy to miss."""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook
from stdnum.cn import ric

import synth
from synth.truth_findings import LedgerRowError, SourceDataError, compute_findings

DDL = Path(synth.__file__).parent / "ddl"
COUNTY = "360732"
VILLAGE, VILLAGE2, FAR_VILLAGE = "360732101201", "360732101202", "360733102201"
ORG, OTHER_ORG = "91360732MA35ABCD1X", "91360732MA35WXYZ2K"
RULE_CODES = {
    "ZERO_EMPLOYMENT_HOUSEHOLD",
    "INCOME_DROP",
    "INCOME_BELOW_NORMAL",
    "RETURNEE_NOT_REEMPLOYED",
    "FOLLOWUP_MISSING",
    "FOLLOWUP_LATE",
    "LABOR_CATEGORY_CONFLICT",
    "PUBLIC_POST_OVER_MIN_WAGE",
    "SCALE_DECLINE",
    "STATUS_CONFLICT",
    "PAYMENT_TO_UNREGISTERED",
    "DUPLICATE_PAYMENT",
    "POST_PAYMENT_WITHOUT_PLACEMENT",
    "EMPLOYER_SUBSIDY_WITHOUT_EMPLOYMENT",
    "WORKSHOP_SUBSIDY_WHILE_CLOSED",
    "SHARED_BANK_ACCOUNT",
}


def citizen(birth: str, seq: str = "011", area: str = COUNTY) -> str:
    """A valid 18-character ID; the check digit comes from python-stdnum, not the code under test."""
    body = f"{area}{birth}{seq}"
    return body + ric.calc_check_digit(body + "0")


def legacy(citizen_id: str) -> str:
    """The 15-digit spelling of an ID born in the 1900s."""
    return citizen_id[:6] + citizen_id[8:17]


def fullwidth(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if c.isdigit() else c for c in text)


def households(*pairs: tuple[str, str]) -> list[dict[str, str]]:
    return [{"household": household, "period": period} for household, period in pairs]


def people(*pairs: tuple[str, str]) -> list[dict[str, str]]:
    return [{"citizen_id": citizen_id, "period": period} for citizen_id, period in sorted(pairs)]


def vouchers(*names: str) -> list[dict[str, str]]:
    return [{"voucher": name} for name in names]


def months(first: str, last: str) -> Iterator[str]:
    year, month = int(first[:4]), int(first[5:])
    while f"{year:04d}-{month:02d}" <= last:
        yield f"{year:04d}-{month:02d}"
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


class Sources:
    """A source set on disk shaped exactly like the generator's: three SQLite files and ledgers."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.bad: list[dict[str, str]] = []
        self._row_ids = 0
        for name in ("hr", "poverty", "finance"):
            with closing(sqlite3.connect(folder / f"{name}.db")) as db:
                db.executescript((DDL / f"{name}.sql").read_text(encoding="utf-8"))

    def insert(self, source: str, table: str, **values: Any) -> None:
        columns, marks = ", ".join(values), ", ".join("?" * len(values))
        with closing(sqlite3.connect(self.folder / f"{source}.db")) as db, db:
            db.execute(f"INSERT INTO {table} ({columns}) VALUES ({marks})", tuple(values.values()))

    def next_id(self) -> int:
        self._row_ids += 1
        return self._row_ids

    def quarantine(self, source: str, table: str, key: object, fault: str = "bad_date") -> None:
        self.bad.append({"source": source, "table": table, "key": str(key), "fault": fault})

    def household(self, number: str, village: str = VILLAGE) -> str:
        self.insert("poverty", "PKH", HBH=number, XZQH=village, TPZT="已脱贫", XGSJ="2024-01-01 08:00:00")
        return number

    def member(
        self,
        household: str,
        citizen_id: str,
        *,
        labor: str = "普通劳动力",
        school: str | None = "非在校生",
        willing: str = "愿意",
        row_id: int | None = None,
    ) -> int:
        row_id = row_id or self.next_id()
        self.insert(
            "poverty",
            "PKHCY",
            ID=row_id,
            HBH=household,
            XM="张三",
            ZJHM=citizen_id,
            LDJN=labor,
            ZXS=school,
            WCYY=willing,
            XGSJ="2024-01-01 08:00:00",
        )
        return row_id

    def employment(
        self,
        citizen_id: str,
        period: str,
        status: str,
        income: int | None = None,
        *,
        employer: str | None = None,
        updated: str = "20240101080000",
        row_id: int | None = None,
    ) -> int:
        row_id = row_id or self.next_id()
        self.insert(
            "hr",
            "JY_LDLJYXX",
            ID=row_id,
            SFZH=citizen_id,
            XM="张三",
            JYZT=status,
            DWXYDM=employer,
            YSR=income,
            BGYF=period.replace("-", ""),
            GXSJ=updated,
        )
        return row_id

    def followup(
        self,
        citizen_id: str,
        period: str,
        status: str,
        income: float | None = None,
        *,
        visit: str | None = None,
        entry: str | None = None,
    ) -> int:
        row_id = self.next_id()
        self.insert(
            "poverty",
            "HFJL",
            ID=row_id,
            ZJHM=citizen_id,
            HFYF=period,
            HFRQ=visit or f"{period}-10",
            LRRQ=entry or f"{period}-15",
            JYQK=status,
            YSR=income,
            XGSJ="2024-01-01 08:00:00",
        )
        return row_id

    def payment(
        self,
        voucher: str,
        subsidy: str,
        *,
        month: str | None = "2024-05",
        payee: str | None = None,
        account: str | None = None,
        org: str | None = None,
        subject: str | None = None,
        fen: int = 80000,
        paid_on: str | None = None,
        state: str = "1",
        reverses: str | None = None,
        county: str | None = COUNTY,
    ) -> None:
        self.insert(
            "finance",
            "BT_FFMX",
            FFPZH=voucher,
            SKRZJHM=payee,
            SKZH=account,
            SKDWXYDM=org,
            DXZJHM=subject,
            BTXM=subsidy,
            JEF=fen,
            SSYF=month,
            FFRQ=paid_on or f"{(month or '2024-05').replace('-', '/')}/28",
            XZQH=county,
            ZT=state,
            YFFPZH=reverses,
            CZSJ="2024-06-01 08:00:00",
        )

    def placement(self, citizen_id: str, start: str, end: str | None = None) -> int:
        row_id = self.next_id()
        self.insert(
            "hr",
            "JY_GYXGW",
            ID=row_id,
            SFZH=citizen_id,
            GWMC="保洁员",
            SZC=VILLAGE,
            KSRQ=start,
            JSRQ=end,
            YBT=800,
            GXSJ="20240101080000",
        )
        return row_id

    def minimum_wage(self, county: str, yuan: int, since: str) -> None:
        self.insert("hr", "JY_ZDGZ", XZQH=county, DC="2", YBZ=yuan, SXRQ=since)

    def workshop(self, code: str, operator: str, state: str, updated: str) -> None:
        self.insert("poverty", "FPCJ", CJBH=code, CJMC="帮扶车间", XZQH=VILLAGE, XYDM=operator, ZT=state, XGSJ=updated)

    def ledger(self, village: str, month: str, rows: list[list[Any] | None]) -> str:
        """Rows from Excel row 3 on, columns A–K; ``None`` is a blank row."""
        folder = self.folder / "ledgers"
        folder.mkdir(exist_ok=True)
        name = f"{village}-{month.replace('-', '')}.xlsx"
        workbook = Workbook()
        sheet = workbook.active
        assert sheet is not None
        sheet.title = "回访台账"
        sheet.append([f"XX村{month[:4]}年{int(month[5:])}月贫困劳动力就业回访台账"])
        sheet.merge_cells("A1:K1")
        sheet.append(["序号", "姓名", "身份证号码", "户编号", "就业状态", "务工地点", "务工单位", "月收入（元）"])
        sheet["I2"], sheet["J2"], sheet["K2"] = "回访日期", "回访人", "备注"
        for row in rows:
            sheet.append(row or [])
        workbook.save(folder / name)
        return name

    def findings(self) -> dict[str, list[dict[str, str]]]:
        return compute_findings(self.folder, self.bad)


def ledger_row(citizen_id: object, status: str, visit: object, income: object = None) -> list[Any]:
    return [1, "李四", citizen_id, "3607321012010001", status, "广东省东莞市", "某电子厂", income, visit, "王五", ""]


@pytest.fixture
def sources(tmp_path: Path) -> Sources:
    return Sources(tmp_path)


def test_every_rule_has_a_list_even_when_nothing_is_found(sources: Sources) -> None:
    findings = sources.findings()

    assert set(findings) == RULE_CODES
    assert all(found == [] for found in findings.values())


def test_sources_are_read_not_written(sources: Sources) -> None:
    person = citizen("19800101")
    sources.member(sources.household("H1"), person)
    sources.followup(person, "2024-05", "未就业", visit="2024-05-25")
    sources.payment("FF1", "GY01", payee=person)
    sources.ledger(VILLAGE, "2024-05", [ledger_row(person, "未就业", "2024-05-22")])
    before = {path.name: hashlib.sha256(path.read_bytes()).hexdigest() for path in sources.folder.rglob("*.*")}

    findings = sources.findings()

    after = {path.name: hashlib.sha256(path.read_bytes()).hexdigest() for path in sources.folder.rglob("*.*")}
    assert after == before
    assert findings["FOLLOWUP_LATE"] == [{"village": VILLAGE, "period": "2024-05"}]


def test_duplicate_payments_across_id_spellings_reversals_and_returns(sources: Sources) -> None:
    a, b, c = citizen("19800101"), citizen("19810202"), citizen("19820303")
    sources.payment("FF01", "GY01", payee=a, paid_on="2024/05/10")
    sources.payment("FF02", "GY01", payee=legacy(a), paid_on="2024/05/12")
    sources.payment("FF03", "GY01", payee=f" {fullwidth(a)}\u3000", paid_on="2024/05/12")
    sources.payment("FF04", "GY01", payee=a, paid_on="2024/05/11")
    sources.payment("FF04R", "GY01", payee=a, paid_on="2024/05/20", state="3", reverses="FF04")
    sources.payment("FF05", "GY01", payee=a, paid_on="2024/05/13", state="2")
    sources.payment("FF06", "GY01", payee=a, paid_on="2024/05/14")
    sources.payment("FF06R", "GY01", payee=a, paid_on="2024/13/45", state="3", reverses="FF06")
    sources.quarantine("finance", "BT_FFMX", "FF06R", "bad_date")
    sources.payment("FF07", "GF01", payee=a, paid_on="2024/05/15")
    sources.payment("FF08", "GY01", payee=a, month="2024-06", paid_on="2024/05/15")
    sources.payment("FF10", "GY01", payee=b, paid_on="2024/05/10")
    sources.payment("FF09", "GY01", payee=b, paid_on="2024/05/10")
    sources.payment("FF11", "GY01", payee=c, paid_on="2024/05/02")
    sources.payment("FF12", "GY01", payee=c, paid_on="2024/05/01")
    sources.payment("FF13", "GY01", payee=c, month=None, paid_on="2024/05/03")

    assert sources.findings()["DUPLICATE_PAYMENT"] == vouchers("FF02", "FF03", "FF06", "FF10", "FF11")


def test_payments_to_people_the_registry_does_not_know(sources: Sources) -> None:
    known, elsewhere, dropped, stranger = (citizen(f"1980010{n}") for n in range(1, 5))
    sources.member(sources.household("H1"), known)
    sources.member(sources.household("HQ"), elsewhere)
    sources.quarantine("poverty", "PKH", "HQ", "unknown_code")
    row = sources.member("H1", dropped)
    sources.quarantine("poverty", "PKHCY", row, "unknown_code")
    sources.payment("P1", "JT01", payee=known)
    sources.payment("P2", "JT01", payee=elsewhere)
    sources.payment("P3", "JT01", payee=dropped)
    sources.payment("P4", "JT01", payee=stranger)
    sources.payment("P5", "XN01", org=ORG, subject=known, payee=stranger)
    sources.payment("P6", "XN01", org=ORG, subject=stranger)
    sources.payment("P7", "XN01", org=ORG, subject=None, payee=stranger)
    sources.payment("P8", "JT01", payee=stranger)
    sources.payment("P8R", "JT01", payee=stranger, state="3", reverses="P8")
    sources.payment("P9", "JT01", payee=stranger, state="2")

    assert sources.findings()["PAYMENT_TO_UNREGISTERED"] == vouchers("P3", "P4", "P6")


def test_public_welfare_post_payments_need_a_placement_active_in_the_month(sources: Sources) -> None:
    worker, other = citizen("19700101"), citizen("19710101")
    sources.placement(worker, "20240101", "20240415")
    sources.placement(worker, "20240620")
    dropped = sources.placement(other, "20230101")
    sources.quarantine("hr", "JY_GYXGW", dropped, "id_checksum")
    sources.payment("G1", "GY01", payee=worker, month="2023-12")
    sources.payment("G2", "GY01", payee=worker, month="2024-04")
    sources.payment("G3", "GY01", payee=worker, month="2024-05")
    sources.payment("G4", "GY01", payee=worker, month="2024-06")
    sources.payment("G5", "GF01", payee=worker, month="2024-07")
    sources.payment("G6", "JT01", payee=worker, month="2024-05")
    sources.payment("G7", "GY01", payee=other, month="2024-05")
    sources.payment("G8", "GY01", payee=worker, month="2024-05", state="2")

    assert sources.findings()["POST_PAYMENT_WITHOUT_PLACEMENT"] == vouchers("G1", "G3", "G7")


def test_public_welfare_post_pay_against_the_minimum_wage_in_force(sources: Sources) -> None:
    worker = citizen("19700101")
    sources.minimum_wage(COUNTY, 1730, "20210401")
    sources.minimum_wage(COUNTY, 1850, "20240701")
    sources.minimum_wage(COUNTY, 1700, "20240501")
    sources.quarantine("hr", "JY_ZDGZ", f"{COUNTY}|20240501", "bad_date")
    for month, post, pv in (("2024-05", 100000, 73000), ("2024-06", 100000, 80000), ("2024-07", 100000, 80000)):
        sources.payment(f"GY{month}", "GY01", payee=worker, month=month, fen=post)
        sources.payment(f"GF{month}", "GF01", payee=worker, month=month, fen=pv)
    sources.payment("GY2024-08", "GY01", payee=worker, month="2024-08", fen=100000)
    sources.payment("GF2024-08", "GF01", payee=worker, month="2024-08", fen=90000)
    sources.payment("GF2024-08R", "GF01", payee=worker, month="2024-08", state="3", reverses="GF2024-08")
    sources.payment("GF2024-09", "GF01", payee=worker, month="2024-09", fen=100000, state="2")
    sources.payment("GY2024-09", "GY01", payee=worker, month="2024-09", fen=100000)
    sources.payment("NOSTD", "GY01", payee=worker, month="2024-10", fen=300000, county="360799")

    assert sources.findings()["PUBLIC_POST_OVER_MIN_WAGE"] == people((worker, "2024-06"))


def test_employer_subsidies_need_hr_employment_by_the_same_employer(sources: Sources) -> None:
    hired, farming, elsewhere, dropped, earlier, individual, both = (citizen(f"1990010{n}") for n in range(1, 8))
    sources.employment(hired, "2024-05", "21", employer=f" {ORG.lower()} ")
    sources.employment(farming, "2024-05", "41", employer=ORG)
    sources.employment(elsewhere, "2024-05", "21", employer=OTHER_ORG)
    row = sources.employment(dropped, "2024-05", "21", employer=ORG)
    sources.quarantine("hr", "JY_LDLJYXX", row, "unknown_code")
    sources.employment(earlier, "2024-04", "21", employer=ORG)
    sources.employment(both, "2024-05", "21", employer=ORG, updated="20240601080000")
    sources.employment(both, "2024-05", "90", updated="20240602080000")
    for name, person, subsidy in (
        ("X1", hired, "XN01"),
        ("X2", farming, "XN01"),
        ("X3", elsewhere, "CJ01"),
        ("X4", dropped, "XN01"),
        ("X5", earlier, "XN01"),
        ("X7", both, "XN01"),
    ):
        sources.payment(name, subsidy, org=ORG, subject=person)
    sources.payment("X6", "XN01", payee=individual)
    sources.payment("X8", "XN01", org=ORG, subject=farming, state="2")

    assert sources.findings()["EMPLOYER_SUBSIDY_WITHOUT_EMPLOYMENT"] == vouchers("X2", "X3", "X4", "X5")


def test_workshop_subsidies_after_every_workshop_of_the_operator_closed(sources: Sources) -> None:
    sources.workshop("CJ1", "OP1", "停产", "2024-03-10 09:00:00")
    sources.workshop("CJ2", "OP2", "注销", "2024-02-01 09:00:00")
    sources.workshop("CJ3", "OP2", "运营", "2024-02-01 09:00:00")
    sources.workshop("CJ4", "OP3", "停产", "2024-01-05 09:00:00")
    sources.workshop("CJ5", "op3 ", "注销", "2024-04-05 09:00:00")
    for name, operator, month in (
        ("W1", "OP1", "2024-03"),
        ("W2", "OP1", "2024-04"),
        ("W3", "OP2", "2024-05"),
        ("W4", "OP3", "2024-04"),
        ("W5", "OP3", "2024-05"),
        ("W6", "OP4", "2024-05"),
    ):
        sources.payment(name, "CJ01", org=operator, month=month)
    sources.payment("W7", "CJ01", org="OP1", month="2024-06")
    sources.payment("W7R", "CJ01", org="OP1", month="2024-06", state="3", reverses="W7")
    sources.payment("W8", "XN01", org="OP1", month="2024-06")

    assert sources.findings()["WORKSHOP_SUBSIDY_WHILE_CLOSED"] == vouchers("W2", "W5")


def test_one_account_paid_to_two_households(sources: Sources) -> None:
    a, b, c, q, stranger = (citizen(f"1985010{n}") for n in range(1, 6))
    sources.member(sources.household("H1"), a)
    sources.member(sources.household("H2"), b)
    sources.member("H1", c)
    sources.member(sources.household("HQ"), q)
    sources.quarantine("poverty", "PKH", "HQ", "unknown_code")
    sources.payment("S1", "JT01", payee=a, account="6217 0000 1111 2222")
    sources.payment("S2", "JT01", payee=legacy(b), account="621700001111\u30002222")
    sources.payment("S3", "JT01", payee=a, account="6217000033334444")
    sources.payment("S4", "JT01", payee=c, account="6217000033334444")
    sources.payment("S5", "JT01", payee=stranger, account="6217000033334444")
    sources.payment("S6", "JT01", payee=a, account="6217000055556666")
    sources.payment("S7", "JT01", payee=q, account="6217000055556666")
    sources.payment("S8", "JT01", payee=a, account="6217000077778888")
    sources.payment("S9", "JT01", payee=b, account="6217000077778888", state="2")
    sources.payment("S10", "XN01", org=ORG, subject=a, account="6217000099990000")
    sources.payment("S11", "XN01", org=ORG, subject=b, account="6217000099990000")

    assert sources.findings()["SHARED_BANK_ACCOUNT"] == [{"account": "6217000011112222"}]


def test_status_conflicts_between_hr_and_any_follow_up(sources: Sources) -> None:
    a, b, c, d, e, f, g, h = (citizen(f"1975010{n}") for n in range(1, 9))
    for person in (a, b, c, d, e, g, h):
        sources.member(sources.household(f"H{person}"), person)
    sources.employment(a, "2024-05", "11")
    sources.followup(a, "2024-05", "省外务工")
    sources.employment(b, "2024-05", "90")
    sources.employment(c, "2024-05", "11", updated="20240601080000", row_id=961)
    sources.employment(c, "2024-05", "90", updated="20240602080000", row_id=960)
    sources.followup(c, "2024-05", "省外务工")
    sources.employment(d, "2024-05", "21")
    sources.followup(d, "2024-05", "县内务工")
    sources.employment(e, "2024-05", "21")
    sources.quarantine("poverty", "HFJL", sources.followup(e, "2024-05", "灵活就业"), "unknown_code")
    sources.employment(f, "2024-05", "22")
    sources.followup(f, "2024-05", "务农")
    sources.employment(g, "2024-05", "11", row_id=901)
    sources.employment(g, "2024-05", "90", row_id=902)
    sources.followup(g, "2024-05", "未就业")
    sources.followup(h, "2024-05", "省外务工")
    sources.ledger(
        VILLAGE,
        "2024-05",
        [
            ledger_row(b, " 返 乡 ", "2024-05-08"),
            ledger_row(int(legacy(d)), "未就业", "2024-05-09"),
            ledger_row(h, "未就业", "2024-05-11"),
        ],
    )

    assert sources.findings()["STATUS_CONFLICT"] == people((c, "2024-05"), (d, "2024-05"), (f, "2024-05"))


def test_income_below_the_minimum_wage_uses_the_unified_status(sources: Sources) -> None:
    a, b, c, d, e, f, g, h, i = (citizen(f"1980020{n}") for n in range(1, 10))
    sources.minimum_wage(COUNTY, 1730, "20210401")
    sources.minimum_wage(COUNTY, 1850, "20240701")
    for person in (a, b, c, d, e, h):
        sources.member(sources.household(f"H{person}"), person)
    sources.member(sources.household("HQ"), f)
    sources.quarantine("poverty", "PKH", "HQ", "unknown_code")
    sources.member(sources.household("HFAR", FAR_VILLAGE), g)
    sources.member(sources.household("HI"), i, labor="丧失劳动力")
    sources.followup(a, "2024-05", "县内务工", 1500, visit="2024-05-10")
    sources.followup(b, "2024-05", "县内务工", 1500, visit="2024-05-12")
    sources.ledger(
        VILLAGE,
        "2024-05",
        [
            ledger_row(a, "县内务工", datetime(2024, 5, 12), 2000),
            ledger_row(b, "县内务工", "2024年05月12日", 2000),
        ],
    )
    sources.employment(c, "2024-05", "21", None)
    sources.followup(c, "2024-05", "县内务工", 1000)
    sources.employment(d, "2024-05", "23", 800)
    sources.employment(e, "2024-05", "41", 500)
    sources.employment(f, "2024-05", "21", 1000)
    sources.employment(g, "2024-05", "21", 1000)
    sources.employment(h, "2024-06", "21", 1800)
    sources.employment(h, "2024-07", "21", 1800)
    sources.employment(i, "2024-05", "21", 1000)

    assert sources.findings()["INCOME_BELOW_NORMAL"] == people((b, "2024-05"), (h, "2024-07"))


def test_income_drop_of_exactly_thirty_percent_month_on_month_or_year_on_year(sources: Sources) -> None:
    worker, unable = citizen("19800301"), citizen("19800302")
    sources.member(sources.household("H1"), worker)
    sources.member("H1", unable, labor="无劳动力")
    for month, status, income in (
        ("2023-03", "11", 5000),
        ("2024-01", "11", 3000),
        ("2024-02", "11", 2100),
        ("2024-03", "11", 1471),
        ("2024-04", "90", 0),
        ("2024-05", "11", 1000),
    ):
        sources.employment(worker, month, status, income)
        sources.employment(unable, month, status, income)
    sources.followup(worker, "2024-06", "省外务工", 700.004)
    sources.followup(worker, "2024-07", "省外务工", 490.01)
    sources.followup(worker, "2024-08", "省外务工", 343.005)

    assert sources.findings()["INCOME_DROP"] == people((worker, "2024-02"), (worker, "2024-03"), (worker, "2024-06"))


def test_returnees_still_unemployed_two_months_later(sources: Sources) -> None:
    a, b, c, d, e, f = (citizen(f"1988010{n}") for n in range(1, 7))
    for person in (a, b, c, d, f):
        sources.member(sources.household(f"H{person}"), person)
    sources.member(sources.household("HE"), e, labor="丧失劳动力")
    sources.followup(a, "2024-01", "返乡")
    sources.employment(a, "2024-03", "90")
    sources.followup(b, "2024-01", "返乡")
    sources.followup(b, "2024-02", "未就业")
    sources.followup(b, "2024-03", "务农")
    sources.employment(c, "2024-01", "11")
    sources.followup(c, "2024-01", "返乡")
    sources.employment(c, "2024-02", "90")
    sources.followup(c, "2024-03", "未就业")
    sources.followup(d, "2024-01", "返乡")
    sources.followup(d, "2024-03", "未就业")
    sources.followup(e, "2024-01", "返乡")
    sources.followup(e, "2024-02", "未就业")
    sources.followup(e, "2024-03", "未就业")
    sources.followup(f, "2024-03", "未就业")
    sources.followup(f, "2024-04", "未就业")
    sources.ledger(VILLAGE, "2024-02", [ledger_row(a, "未就业", "2024-02-10"), ledger_row(f, "返乡", "2024-02-11")])
    sources.quarantine("ledger", "回访台账", f"{VILLAGE}-202402.xlsx:4", "unknown_code")

    assert sources.findings()["RETURNEE_NOT_REEMPLOYED"] == people((a, "2024-03"), (c, "2024-03"))


def test_follow_ups_from_ledgers_count_for_missing_and_late(sources: Sources) -> None:
    a, b, c, unable, stranger, lost = (citizen(f"1981010{n}") for n in range(1, 7))
    x = next(candidate for n in range(100, 999) if (candidate := citizen("19810107", str(n)))[-1] == "X")
    sources.member(sources.household("H1"), a)
    sources.member("H1", b)
    sources.member("H1", unable, labor="丧失劳动力")
    sources.member(sources.household("H2", VILLAGE2), c)
    sources.member("H2", x)
    sources.member(sources.household("HQ"), lost)
    sources.quarantine("poverty", "PKH", "HQ", "unknown_code")
    sources.followup(a, "2024-04", "省外务工", visit="2024-04-20", entry="2024-04-25")
    sources.followup(c, "2024-04", "省外务工", visit="2024-04-19", entry="2024-04-26")
    sources.followup(x, "2024-04", "省外务工")
    sources.followup(b, "2024-06", "省外务工", visit="2024-07-02", entry="2024-07-03")
    sources.followup(x, "2024-06", "省外务工")
    sources.followup(stranger, "2024-05", "省外务工", visit="2024-05-28")
    sources.followup(lost, "2024-05", "省外务工", visit="2024-05-28")
    sources.ledger(
        VILLAGE,
        "2024-05",
        [
            ledger_row(int(legacy(a)), "  省外务工 ", datetime(2024, 5, 18), 4500),
            None,
            ledger_row(f"{legacy(b)[:6]} {legacy(b)[6:]}", "省外务工", "2024.05.21", "3800"),
            ledger_row(int(c.replace("X", "0")), "省外务工", "2024-05-25"),
            ["合计", None, None, None, None, None, None, 8300],
        ],
    )
    sources.ledger(
        VILLAGE2,
        "2024-06",
        [ledger_row(f" {c[:6]} {c[6:]}", "省外务工", "2024年06月20日"), ledger_row(x.lower(), "务农", "2024-06-20")],
    )
    sources.ledger(VILLAGE2, "2024-05", [ledger_row(fullwidth(x).lower() + "\u3000", "务农", "2024-05-20")])
    sources.quarantine("ledger", "回访台账", f"{VILLAGE}-202405.xlsx:6", "id_checksum")  # Excel rounded it

    findings = sources.findings()

    assert findings["FOLLOWUP_LATE"] == [
        {"village": VILLAGE, "period": "2024-05"},
        {"village": VILLAGE, "period": "2024-06"},
        {"village": VILLAGE2, "period": "2024-04"},
    ]
    assert findings["FOLLOWUP_MISSING"] == people(
        (a, "2024-06"), (b, "2024-04"), (c, "2024-05"), (lost, "2024-04"), (lost, "2024-06")
    )


def test_zero_employment_households_and_ages_at_each_month(sources: Sources) -> None:
    turns_61_mid_june = citizen("19630615")
    turns_61_on_aug_1 = citizen("19630801")
    sources.member(sources.household("H1"), turns_61_mid_june)
    sources.member(sources.household("H2"), turns_61_on_aug_1)
    worker, helper = citizen("19900101"), citizen("19500101")
    sources.member(sources.household("H3"), worker)
    sources.member("H3", helper, labor="丧失劳动力")
    sources.employment(helper, "2024-03", "21", 2000)
    sources.employment(worker, "2024-05", "41", 0)
    sources.member(sources.household("H4"), citizen("19800101"), willing="不愿意")
    pupil = citizen("20070101")
    sources.member(sources.household("H5"), pupil, school="高中")
    elder_elsewhere = citizen("19500102")
    sources.member(sources.household("HQ"), elder_elsewhere)
    sources.quarantine("poverty", "PKH", "HQ", "unknown_code")
    turns_16_on_mar_1, turns_16_on_mar_2 = citizen("20080301"), citizen("20080302")
    sources.member(sources.household("H7"), turns_16_on_mar_1, willing="未定")
    sources.member(sources.household("H8"), turns_16_on_mar_2)
    sources.member(sources.household("H9"), citizen("19640101"), labor="弱劳动力或半劳动力", school=None)
    sources.member(sources.household("H10"), citizen("19500505"), labor="弱劳动力或半劳动力", willing="不愿意")
    sources.payment("BOUNDS1", "JT01", payee=worker, month="2024-01", state="2")
    sources.payment("BOUNDS2", "JT01", payee=worker, month="2024-08", state="2")

    findings = sources.findings()

    every_month = list(months("2024-01", "2024-08"))
    assert findings["ZERO_EMPLOYMENT_HOUSEHOLD"] == households(
        *[("H1", m) for m in months("2024-01", "2024-06")],
        *[("H2", m) for m in months("2024-01", "2024-07")],
        *[("H3", m) for m in every_month if m != "2024-03"],
        *[("H7", m) for m in months("2024-03", "2024-08")],
        *[("H8", m) for m in months("2024-04", "2024-08")],
        *[("H9", m) for m in every_month],
    )
    conflicts = (turns_61_mid_june, turns_61_on_aug_1, pupil, elder_elsewhere, turns_16_on_mar_1, turns_16_on_mar_2)
    assert findings["LABOR_CATEGORY_CONFLICT"] == [{"citizen_id": person} for person in sorted(conflicts)]


def test_county_employment_scale_compared_with_a_year_earlier(sources: Sources) -> None:
    a, b, c, unable, lost, far = (citizen(f"1982010{n}") for n in range(1, 7))
    for person in (a, b, c):
        sources.member(sources.household(f"H{person}"), person)
    sources.member(sources.household("HN"), unable, labor="丧失劳动力")
    sources.member(sources.household("HQ"), lost)
    sources.quarantine("poverty", "PKH", "HQ", "unknown_code")
    sources.member(sources.household("HFAR", FAR_VILLAGE), far)
    for person, month, status in (
        (a, "2023-01", "11"),
        (b, "2023-01", "11"),
        (a, "2024-01", "11"),
        (unable, "2024-01", "21"),
        (lost, "2024-01", "21"),
        (a, "2023-02", "11"),
        (b, "2024-02", "12"),
        (a, "2023-03", "11"),
        (a, "2024-03", "90"),
        (far, "2024-01", "11"),
        (c, "2023-04", "41"),
        (c, "2024-04", "41"),
    ):
        sources.employment(person, month, status, 3000)

    assert sources.findings()["SCALE_DECLINE"] == [
        {"county": COUNTY, "period": "2024-01"},
        {"county": COUNTY, "period": "2024-03"},
    ]


def test_periods_run_from_the_first_to_the_last_month_of_kept_records(sources: Sources) -> None:
    worker = citizen("19800101")
    sources.member(sources.household("H1"), worker)
    sources.followup(worker, "2024-03", "省外务工")
    sources.payment("EARLY", "JT01", payee=worker, month="2024-01", state="2")
    late = sources.employment(worker, "2024-05", "77")
    sources.quarantine("hr", "JY_LDLJYXX", late, "unknown_code")

    assert sources.findings()["FOLLOWUP_MISSING"] == people((worker, "2024-01"), (worker, "2024-02"))


def test_a_bad_record_missing_from_bad_records_is_reported_not_skipped(sources: Sources) -> None:
    body = "36073219800101123"
    wrong = body + ("1" if ric.calc_check_digit(body + "0") != "1" else "2")
    sources.employment(wrong, "2024-05", "11", row_id=77)

    with pytest.raises(SourceDataError, match=rf"hr\.JY_LDLJYXX\.SFZH: 1 record\(s\) .*row 77: '{wrong}'"):
        sources.findings()
    sources.quarantine("hr", "JY_LDLJYXX", 77, "id_checksum")
    assert sources.findings()["STATUS_CONFLICT"] == []


def test_a_bad_ledger_row_missing_from_bad_records_is_reported_with_its_file_and_row(sources: Sources) -> None:
    worker = citizen("19800101")
    sources.member(sources.household("H1"), worker)
    sources.followup(worker, "2024-04", "省外务工")
    sources.payment("MAY", "JT01", payee=worker, month="2024-05", state="2")
    name = sources.ledger(VILLAGE, "2024-05", [None, ledger_row(worker, "打工", "2024-05-10")])

    with pytest.raises(LedgerRowError, match=f"ledger row {name}:4: 就业状态 '打工' is not one of"):
        sources.findings()
    sources.quarantine("ledger", "回访台账", f"{name}:4", "unknown_code")
    assert sources.findings()["FOLLOWUP_MISSING"] == people((worker, "2024-05"))
