"""Normalized helper tables in the scratch database: one row per fact the rules read, in unified caliber.

Each table is built by one set-based statement over the attached sources (quarantined rows excluded),
then checked: a kept record whose value does not normalize stops the run, because a truth computed by
silently dropping it would score the hub against a mistake. Months are held as an index
(``year * 12 + month - 1``) so that "the month before" and "a year earlier" are plain arithmetic.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from synth.truth_findings import codes
from synth.truth_findings.ledgers import read_ledgers
from synth.truth_findings.scratch import Check, invalid, kept, run_checks

_SPACES = "' ' || char(9, 10, 13, 12288)"


def trim(column: str) -> str:
    return f"NULLIF(TRIM({column}, {_SPACES}), '')"


def nospace(column: str) -> str:
    removed = column
    for code in (32, 9, 10, 13, 12288):
        removed = f"REPLACE({removed}, char({code}), '')"
    return f"NULLIF({removed}, '')"


def month_index(text: str, month_at: int) -> str:
    """Month index of 'YYYY-MM' (month_at 6) or 'YYYYMM' (month_at 5) text; NULL when not that shape.

    A month outside 01-12 still gets an index; ``not_month`` finds it by printing the index back.
    """
    shape = "[0-9][0-9][0-9][0-9]-[0-9][0-9]" if month_at == 6 else "[0-9][0-9][0-9][0-9][0-9][0-9]"
    month = f"CAST(substr({text}, {month_at}, 2) AS INTEGER)"
    return f"CASE WHEN {text} GLOB '{shape}' THEN CAST(substr({text}, 1, 4) AS INTEGER) * 12 + {month} - 1 END"


def not_month(text: str, index: str, separator: str = "-") -> str:
    return f"({index} IS NULL OR printf('%04d{separator}%02d', {index} / 12, {index} % 12 + 1) IS NOT {text})"


def not_iso_date(column: str) -> str:
    return f"({column} IS NULL OR date({column}) IS NOT {column})"


def not_compact_date(column: str) -> str:
    iso = f"substr({column}, 1, 4) || '-' || substr({column}, 5, 2) || '-' || substr({column}, 7, 2)"
    return f"(length({column}) IS NOT 8 OR date({iso}) IS NOT {iso})"


def unified_id(column: str) -> str:
    """The unified ID of a raw ID column, looked up in ``id_map`` (each distinct spelling normalized once)."""
    return f"(SELECT cid FROM id_map WHERE raw = {column})"


def yuan_in_fen(column: str) -> str:
    """Exact fen of a yuan column. A REAL within float noise of whole fen is that many fen (its decimal
    text has at most 2 places, or rounds to them far from a half); the rest go to Python's ``fen``."""
    cents = f"ROUND({column} * 100)"
    return (
        f"CASE typeof({column}) WHEN 'null' THEN NULL WHEN 'integer' THEN {column} * 100 "
        f"WHEN 'real' THEN CASE WHEN abs({column} * 100 - {cents}) < 1e-6 THEN CAST({cents} AS INTEGER) "
        f"ELSE fen({column}) END ELSE fen({column}) END"
    )


_ID_COLUMNS = (
    ("poverty.PKHCY", "ZJHM"),
    ("poverty.HFJL", "ZJHM"),
    ("hr.JY_LDLJYXX", "SFZH"),
    ("hr.JY_GYXGW", "SFZH"),
    ("finance.BT_FFMX", "SKRZJHM"),
    ("finance.BT_FFMX", "DXZJHM"),
)
_ID_MAP = (
    "CREATE TABLE id_map (raw TEXT PRIMARY KEY, cid TEXT) WITHOUT ROWID;\n"
    "INSERT INTO id_map SELECT raw, norm_id(raw) FROM (\n"
    + "\nUNION ".join(
        f"SELECT {column} AS raw FROM {table} WHERE {column} IS NOT NULL" for table, column in _ID_COLUMNS
    )
    + "\n);"
)


def _quoted(values: tuple[str, ...]) -> str:
    return ", ".join(f"'{value}'" for value in values)


_SCHEMA = """
CREATE TABLE followup (
    src INTEGER, k1 TEXT, k2 INTEGER, key TEXT, cid TEXT, period TEXT, pidx INTEGER,
    status TEXT, returned INTEGER, income INTEGER, visit TEXT, entry TEXT, village TEXT,
    raw_id TEXT, label TEXT, raw_income TEXT
);
CREATE TABLE hr_status (code TEXT PRIMARY KEY, status TEXT);
CREATE TABLE followup_status (label TEXT PRIMARY KEY, status TEXT, returned INTEGER);
"""

_HOUSEHOLDS = f"""
CREATE TABLE household AS
SELECT {trim("HBH")} AS hbh, CAST(HBH AS TEXT) AS key, {trim("XZQH")} AS village,
       substr({trim("XZQH")}, 1, 6) AS county
FROM poverty.PKH WHERE {kept("poverty", "PKH", "CAST(HBH AS TEXT)")}
"""

_MEMBERS = f"""
CREATE TABLE member_row AS
SELECT ID AS id, CAST(ID AS TEXT) AS key, ZJHM AS raw_id, {unified_id("ZJHM")} AS cid, {trim("HBH")} AS hbh,
       {trim("LDJN")} AS ldjn, {trim("ZXS")} AS zxs, {trim("WCYY")} AS wcyy, XGSJ AS xgsj
FROM poverty.PKHCY WHERE {kept("poverty", "PKHCY", "CAST(ID AS TEXT)")}
"""

# One registry record per person (latest XGSJ, then highest ID). Age on the first of month P reaches
# N in the month of the N-th birthday when it falls on the 1st, else in the month after: so
# "16 <= age <= 60" is adult_from <= P < senior_from, with birthdays read from the unified ID.
_PEOPLE = f"""
CREATE TABLE person (
    cid TEXT PRIMARY KEY, hbh TEXT, village TEXT, county TEXT, laborer INTEGER, full_labor INTEGER,
    student INTEGER, willing INTEGER, adult_from INTEGER, senior_from INTEGER
);
INSERT INTO person
SELECT m.cid, h.hbh, h.village, h.county,
       m.ldjn IS NULL OR m.ldjn NOT IN ({_quoted(codes.NO_LABOR)}),
       COALESCE(m.ldjn IN ({_quoted(codes.FULL_LABOR)}), 0),
       COALESCE(m.zxs <> '{codes.NOT_STUDENT}', 0),
       COALESCE(m.wcyy IN ({_quoted(codes.WILLING)}), 0),
       (m.by + {codes.MIN_AGE}) * 12 + m.bm - 1 + (m.bd > 1),
       (m.by + {codes.MAX_AGE + 1}) * 12 + m.bm - 1 + (m.bd > 1)
FROM (
    SELECT *, CAST(substr(cid, 7, 4) AS INTEGER) AS by, CAST(substr(cid, 11, 2) AS INTEGER) AS bm,
           CAST(substr(cid, 13, 2) AS INTEGER) AS bd,
           ROW_NUMBER() OVER (PARTITION BY cid ORDER BY xgsj DESC, id DESC) AS choice
    FROM member_row
) AS m
LEFT JOIN household AS h ON h.hbh = m.hbh
WHERE m.choice = 1;
CREATE INDEX person_household ON person (hbh);
"""

_HR_RECORDS = f"""
CREATE TABLE hr_rec AS
SELECT ID AS id, CAST(ID AS TEXT) AS key, SFZH AS raw_id, {unified_id("SFZH")} AS cid, BGYF AS bgyf,
       {month_index("BGYF", 5)} AS pidx, JYZT AS jyzt, s.status,
       {yuan_in_fen("YSR")} AS income,
       YSR AS ysr, GXSJ AS gxsj, UPPER({trim("DWXYDM")}) AS org
FROM hr.JY_LDLJYXX LEFT JOIN hr_status AS s ON s.code = {trim("JYZT")}
WHERE {kept("hr", "JY_LDLJYXX", "CAST(ID AS TEXT)")};
CREATE INDEX hr_rec_person ON hr_rec (cid, pidx, gxsj, id, status, income, org);
"""

_FOLLOWUPS = f"""
INSERT INTO followup (src, k1, k2, key, cid, period, pidx, status, returned, income, visit, entry, village,
                      raw_id, label, raw_income)
SELECT 0, '', ID, CAST(ID AS TEXT), {unified_id("ZJHM")}, HFYF, {month_index("HFYF", 6)},
       s.status, s.returned, {yuan_in_fen("YSR")}, HFRQ, LRRQ, NULL, ZJHM, JYQK, YSR
FROM poverty.HFJL LEFT JOIN followup_status AS s ON s.label = {trim("JYQK")}
WHERE {kept("poverty", "HFJL", "CAST(ID AS TEXT)")}
"""

_PAYMENTS = f"""
CREATE TABLE payment AS
SELECT voucher, key, zt, btxm, fen, ssyf, {month_index("ssyf", 6)} AS pidx, replace(ssyf, '-', '') AS ym,
       ffrq, org, raw_id, {unified_id("raw_id")} AS beneficiary, account, county, reverses
FROM (
    SELECT FFPZH AS voucher, CAST(FFPZH AS TEXT) AS key, {trim("ZT")} AS zt, {trim("BTXM")} AS btxm,
           JEF AS fen, {trim("SSYF")} AS ssyf, {trim("FFRQ")} AS ffrq, UPPER({trim("SKDWXYDM")}) AS org,
           CASE WHEN {trim("SKDWXYDM")} IS NOT NULL THEN DXZJHM ELSE SKRZJHM END AS raw_id,
           {nospace("SKZH")} AS account, {trim("XZQH")} AS county, {trim("YFFPZH")} AS reverses
    FROM finance.BT_FFMX WHERE {kept("finance", "BT_FFMX", "CAST(FFPZH AS TEXT)")}
);
CREATE INDEX payment_reverses ON payment (reverses);
CREATE TABLE effective AS
SELECT * FROM payment AS p
WHERE p.zt = '{codes.PAID}'
  AND NOT EXISTS (SELECT 1 FROM payment AS r WHERE r.zt = '{codes.REVERSAL}' AND r.reverses = p.voucher);
CREATE INDEX effective_beneficiary ON effective (beneficiary, pidx);
"""

_PLACEMENTS = f"""
CREATE TABLE placement AS
SELECT CAST(ID AS TEXT) AS key, SFZH AS raw_id, {unified_id("SFZH")} AS cid,
       KSRQ AS ks, {trim("JSRQ")} AS js
FROM hr.JY_GYXGW WHERE {kept("hr", "JY_GYXGW", "CAST(ID AS TEXT)")};
CREATE INDEX placement_person ON placement (cid);
"""

# The hub's connectors key a composite primary key as its parts joined by '|'.
_WAGES = f"""
CREATE TABLE wage AS
SELECT XZQH || '|' || SXRQ AS key, {trim("XZQH")} AS county, SXRQ AS sxrq, YBZ * 100 AS fen
FROM hr.JY_ZDGZ WHERE {kept("hr", "JY_ZDGZ", "XZQH || '|' || SXRQ")}
"""

_WORKSHOPS = f"""
CREATE TABLE workshop AS
SELECT CAST(CJBH AS TEXT) AS key, UPPER({trim("XYDM")}) AS operator, {trim("ZT")} IN
       ({_quoted(codes.WORKSHOP_CLOSED)}) AS closed, XGSJ AS xgsj,
       {month_index("substr(XGSJ, 1, 7)", 6)} AS updated
FROM poverty.FPCJ WHERE {kept("poverty", "FPCJ", "CAST(CJBH AS TEXT)")} AND {trim("XYDM")} IS NOT NULL;
CREATE INDEX workshop_operator ON workshop (operator);
"""

# Covering indexes: the status choice and the rules then never visit the tables themselves.
_AFTER_FOLLOWUPS = "CREATE INDEX followup_person ON followup (cid, pidx, visit, src, k1, k2, status, income, returned)"

_PERIODS = """
CREATE TABLE periods (idx INTEGER PRIMARY KEY, period TEXT, ym TEXT);
WITH RECURSIVE bounds (lo, hi) AS (
    SELECT MIN(pidx), MAX(pidx) FROM (
        SELECT pidx FROM hr_rec UNION ALL SELECT pidx FROM followup
        UNION ALL SELECT pidx FROM payment WHERE pidx IS NOT NULL
    )
), months (idx) AS (
    SELECT lo FROM bounds WHERE lo IS NOT NULL UNION ALL SELECT idx + 1 FROM months, bounds WHERE idx < hi
)
INSERT INTO periods
SELECT idx, printf('%04d-%02d', idx / 12, idx % 12 + 1), printf('%04d%02d', idx / 12, idx % 12 + 1)
FROM months;
"""

# HR's latest record of the month wins (GXSJ, then ID); else the follow-up with the latest visit, the
# office's on a tie, then the greatest ID or ledger file and row. SQLite takes the other (bare) columns
# of a one-max() aggregate from the row holding the max, so each choice is one pass over an index.
_UNIFIED = """
CREATE TABLE unified (cid TEXT, pidx INTEGER, status TEXT, income INTEGER, from_hr INTEGER,
                      PRIMARY KEY (cid, pidx)) WITHOUT ROWID;
INSERT INTO unified
SELECT cid, pidx, status, income, 1 FROM (
    SELECT cid, pidx, status, income, MAX(gxsj || printf('%012d', id)) FROM hr_rec GROUP BY cid, pidx
);
INSERT OR IGNORE INTO unified
SELECT cid, pidx, status, income, 0 FROM (
    SELECT cid, pidx, status, income, MAX(visit || (1 - src) || k1 || printf('%012d', k2))
    FROM followup GROUP BY cid, pidx
);
"""

_WAGE_MONTHS = """
CREATE TABLE wage_month (county TEXT, idx INTEGER, fen INTEGER, PRIMARY KEY (county, idx)) WITHOUT ROWID;
INSERT INTO wage_month
SELECT county, idx, fen FROM (
    SELECT c.county, p.idx, (
        SELECT w.fen FROM wage AS w WHERE w.county = c.county AND w.sxrq <= p.ym || '01'
        ORDER BY w.sxrq DESC LIMIT 1
    ) AS fen
    FROM (SELECT DISTINCT county FROM wage) AS c CROSS JOIN periods AS p
) WHERE fen IS NOT NULL;
"""

_ID = "an 18-character citizen ID with a valid check digit and birth date (or a 15-digit legacy ID)"
_BAD_ID = f"cid IS NULL OR {invalid('cid')}"
_HFJL = "src = 0 AND "
_FFRQ = "ffrq NOT GLOB '[0-9][0-9][0-9][0-9]/[0-9][0-9]/[0-9][0-9]' OR " + not_iso_date("replace(ffrq, '/', '-')")
_CHECKS: dict[str, tuple[Check, ...]] = {
    "household": (
        Check("poverty.PKH", "HBH", "hbh", "hbh IS NULL", "a household number"),
        Check("poverty.PKH", "XZQH", "village", "village NOT GLOB '" + "[0-9]" * 12 + "'", "12 digits"),
    ),
    "member_row": (Check("poverty.PKHCY", "ZJHM", "raw_id", _BAD_ID, _ID),),
    "hr_rec": (
        Check("hr.JY_LDLJYXX", "SFZH", "raw_id", _BAD_ID, _ID),
        Check("hr.JY_LDLJYXX", "BGYF", "bgyf", not_month("bgyf", "pidx", ""), "a month 'YYYYMM'"),
        Check("hr.JY_LDLJYXX", "JYZT", "jyzt", "status IS NULL", f"one of {', '.join(codes.HR_STATUS)}"),
        Check("hr.JY_LDLJYXX", "YSR", "ysr", invalid("income"), "a whole number of yuan"),
    ),
    "followup": (
        Check("poverty.HFJL", "ZJHM", "raw_id", f"{_HFJL}({_BAD_ID})", _ID),
        Check("poverty.HFJL", "HFYF", "period", _HFJL + not_month("period", "pidx"), "a month 'YYYY-MM'"),
        Check("poverty.HFJL", "HFRQ", "visit", _HFJL + not_iso_date("visit"), "'YYYY-MM-DD'"),
        Check("poverty.HFJL", "LRRQ", "entry", _HFJL + not_iso_date("entry"), "'YYYY-MM-DD'"),
        Check("poverty.HFJL", "JYQK", "label", f"{_HFJL}status IS NULL", "a known 就业情况 label"),
        Check("poverty.HFJL", "YSR", "raw_income", _HFJL + invalid("income"), "a number of yuan"),
    ),
    "payment": (
        Check("finance.BT_FFMX", "SKRZJHM/DXZJHM", "raw_id", invalid("beneficiary"), _ID),
        Check(
            "finance.BT_FFMX",
            "SSYF",
            "ssyf",
            "ssyf IS NOT NULL AND " + not_month("ssyf", "pidx"),
            "a month 'YYYY-MM'",
        ),
        Check("finance.BT_FFMX", "FFRQ", "ffrq", _FFRQ, "'YYYY/MM/DD'"),
    ),
    "placement": (
        Check("hr.JY_GYXGW", "SFZH", "raw_id", _BAD_ID, _ID),
        Check("hr.JY_GYXGW", "KSRQ", "ks", not_compact_date("ks"), "'YYYYMMDD'"),
        Check("hr.JY_GYXGW", "JSRQ", "js", "js IS NOT NULL AND " + not_compact_date("js"), "'YYYYMMDD'"),
    ),
    "wage": (Check("hr.JY_ZDGZ", "SXRQ", "sxrq", not_compact_date("sxrq"), "'YYYYMMDD'"),),
    "workshop": (
        Check(
            "poverty.FPCJ",
            "XGSJ",
            "xgsj",
            not_month("substr(xgsj, 1, 7)", "updated"),
            "'YYYY-MM-DD HH:MM:SS'",
        ),
    ),
}


_STEPS = (
    ("household", _HOUSEHOLDS),
    ("member_row", _MEMBERS),
    ("hr_rec", _HR_RECORDS),
    ("followup", _FOLLOWUPS),
    ("payment", _PAYMENTS),
    ("placement", _PLACEMENTS),
    ("wage", _WAGES),
    ("workshop", _WORKSHOPS),
)


def build_tables(connection: sqlite3.Connection, ledger_folder: Path, ledger_bad_keys: set[str]) -> None:
    """Create and check every helper table the rules read."""
    connection.executescript(_SCHEMA + _ID_MAP)
    connection.executemany("INSERT INTO hr_status VALUES (?, ?)", codes.HR_STATUS.items())
    connection.executemany(
        "INSERT INTO followup_status VALUES (?, ?, ?)",
        [(label, status, int(label == codes.RETURNED)) for label, status in codes.FOLLOWUP_STATUS.items()],
    )
    for table, script in _STEPS:
        connection.executescript(script)
        run_checks(connection, table, _CHECKS[table])
    connection.execute("BEGIN")
    read_ledgers(connection, ledger_folder, ledger_bad_keys)
    connection.execute("COMMIT")
    for script in (_PEOPLE, _AFTER_FOLLOWUPS, _PERIODS, _UNIFIED, _WAGE_MONTHS):
        connection.executescript(script)
