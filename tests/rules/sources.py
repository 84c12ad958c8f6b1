"""Tiny departmental source sets written by hand, synced through the real connectors into a store.

Each case writes only the rows it is about, in the departments' own formats (HR's '90', the office's
'返乡', finance's fen and 'YYYY/MM/DD'), so a rule is tested together with the caliber it depends on.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from stdnum.cn import ric

import synth
from graph.store import Store
from tests.support.sources import SourceSet, sync_into

DDL = Path(synth.__file__).parent / "ddl"
COUNTY, OTHER_COUNTY = "360732", "360733"
VILLAGE, VILLAGE2, FAR_VILLAGE = "360732101201", "360732101202", "360733102201"
ORG, OTHER_ORG = "91360732MA35ABCD14", "91360732MA35WXYH2Y"


def citizen(birth: str, seq: str = "011", area: str = COUNTY) -> str:
    """A valid 18-character ID born on ``birth`` (YYYYMMDD); the check digit comes from python-stdnum."""
    body = f"{area}{birth}{seq}"
    return body + ric.calc_check_digit(body + "0")


def legacy(citizen_id: str) -> str:
    """The 15-digit spelling of an ID born in the 1900s."""
    return citizen_id[:6] + citizen_id[8:17]


class HandSources:
    """A source set on disk shaped like the generator's: three SQLite files and a ledgers folder."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._ids = 0
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "ledgers").mkdir(exist_ok=True)
        for name in ("hr", "poverty", "finance"):
            with closing(sqlite3.connect(folder / f"{name}.db")) as db:
                db.executescript((DDL / f"{name}.sql").read_text(encoding="utf-8"))

    def insert(self, source: str, table: str, **values: Any) -> None:
        columns, marks = ", ".join(values), ", ".join("?" * len(values))
        with closing(sqlite3.connect(self.folder / f"{source}.db")) as db, db:
            db.execute(f"INSERT INTO {table} ({columns}) VALUES ({marks})", tuple(values.values()))

    def _next(self) -> int:
        self._ids += 1
        return self._ids

    def household(self, number: str, village: str = VILLAGE) -> str:
        self.insert("poverty", "PKH", HBH=number, XZQH=village, TPZT="已脱贫", XGSJ="2024-01-01 08:00:00")
        return number

    def member(
        self,
        household: str,
        citizen_id: str,
        *,
        labor: str = "普通劳动力",
        school: str = "非在校生",
        willing: str = "愿意",
    ) -> None:
        self.insert(
            "poverty",
            "PKHCY",
            ID=self._next(),
            HBH=household,
            XM="张三",
            ZJHM=citizen_id,
            LDJN=labor,
            ZXS=school,
            WCYY=willing,
            XGSJ="2024-01-01 08:00:00",
        )

    def hr(
        self,
        citizen_id: str,
        period: str,
        status: str,
        income: int | None = None,
        *,
        employer: str | None = None,
        skill: str | None = None,
    ) -> None:
        self.insert(
            "hr",
            "JY_LDLJYXX",
            ID=self._next(),
            SFZH=citizen_id,
            XM="张三",
            JYZT=status,
            DWXYDM=employer,
            YSR=income,
            BGYF=period.replace("-", ""),
            JNDJ=skill,
            GXSJ="20240101080000",
        )

    def followup(
        self,
        citizen_id: str,
        period: str,
        status: str,
        income: float | None = None,
        *,
        visit: str | None = None,
        entry: str | None = None,
    ) -> None:
        self.insert(
            "poverty",
            "HFJL",
            ID=self._next(),
            ZJHM=citizen_id,
            HFYF=period,
            HFRQ=visit or f"{period}-10",
            LRRQ=entry or f"{period}-15",
            JYQK=status,
            YSR=income,
            XGSJ="2024-01-01 08:00:00",
        )

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

    def placement(self, citizen_id: str, start: str, end: str | None = None, *, village: str = VILLAGE) -> None:
        self.insert(
            "hr",
            "JY_GYXGW",
            ID=self._next(),
            SFZH=citizen_id,
            GWMC="保洁员",
            SZC=village,
            KSRQ=start,
            JSRQ=end,
            YBT=800,
            GXSJ="20240101080000",
        )

    def minimum_wage(self, county: str, yuan: int, since: str) -> None:
        self.insert("hr", "JY_ZDGZ", XZQH=county, DC="2", YBZ=yuan, SXRQ=since)

    def workshop(
        self, code: str, *, operator: str = ORG, state: str = "运营", updated: str, village: str = VILLAGE
    ) -> None:
        self.insert(
            "poverty", "FPCJ", CJBH=code, CJMC=f"{code}帮扶车间", XZQH=village, XYDM=operator, ZT=state, XGSJ=updated
        )

    def posting(
        self,
        title: str,
        *,
        county: str = COUNTY,
        skill: str | None = None,
        wages: tuple[int, int] = (3000, 4500),
        published: str = "20240101",
        until: str | None = "20241231",
        employer: str = ORG,
    ) -> None:
        self.insert(
            "hr",
            "JY_GWXX",
            ID=self._next(),
            DWXYDM=employer,
            GWMC=title,
            ZPRS=5,
            XZXX=wages[0],
            XZSX=wages[1],
            GZQX=county,
            JNYQ=skill,
            FBRQ=published,
            YXQZ=until,
            GXSJ="20240101080000",
        )

    def training(self, citizen_id: str, kind: str = "02", institution: str = "县职业技能培训学校") -> None:
        self.insert(
            "hr",
            "JY_PXJL",
            ID=self._next(),
            SFZH=citizen_id,
            PXLX=kind,
            PXJG=institution,
            KSRQ="20230301",
            JSRQ="20230315",
            HGZS="Y",
            GXSJ="20240101080000",
        )

    def ledger(self, village: str, month: str, rows: list[tuple[str, str, str]]) -> None:
        """A village's ledger for ``month``: (citizen ID, status label, visit date) per row, from Excel row 3."""
        book = Workbook()
        sheet = book.active
        assert sheet is not None
        sheet.title = "回访台账"
        sheet.append([f"XX村{month[:4]}年{int(month[5:])}月贫困劳动力就业回访台账"])
        sheet.append(["序号", "姓名", "身份证号码", "户编号", "就业状态", "务工地点", "务工单位", "月收入（元）",
                      "回访日期", "回访人", "备注"])  # fmt: skip
        for number, (citizen_id, status, visit) in enumerate(rows, start=1):
            sheet.append([number, "李四", citizen_id, "", status, "", "", None, visit, "王五", ""])
        book.save(self.folder / "ledgers" / f"{village}-{month.replace('-', '')}.xlsx")

    def source_set(self) -> SourceSet:
        return SourceSet(self.folder)


@contextmanager
def synced(sources: HandSources, url: str) -> Iterator[Store]:
    """The sources synced into a fresh store at ``url``; closed afterwards."""
    store, _ = sync_into(url, sources.source_set())
    try:
        yield store
    finally:
        store.close()
