"""The ground truth of a generation, collected while rows are written and saved as ``truth.json``.

Variants are many at province scale, so they are spooled to a temporary file and streamed into
``truth.json``; bad records stay in memory because the findings module takes them as a list.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import IO, Any

COUNT_KEYS = ("households", "people", "laborers", "employers", "workshops", "payments", "followups", "ledger_rows")
TABLE_COUNTS = {
    "PKH": "households",
    "PKHCY": "people",
    "JY_YGDW": "employers",
    "FPCJ": "workshops",
    "BT_FFMX": "payments",
    "HFJL": "followups",
}


def _dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))


class TruthLog:
    """Everything ``truth.json`` lists, gathered in generation order."""

    def __init__(self, spool: Path) -> None:
        self.bad_records: list[dict[str, str]] = []
        self.counts: Counter[str] = Counter({key: 0 for key in COUNT_KEYS})
        self.planted: dict[str, list[dict[str, str]]] = {}
        self.negatives: dict[str, list[dict[str, str]]] = {}
        self.variant_count = 0
        self._seen: set[tuple[str, str, tuple[tuple[str, str], ...]]] = set()
        self._spool_path = spool
        self._spool: IO[str] = spool.open("w", encoding="utf-8")

    def bad(self, source: str, table: str, key: str, fault: str) -> None:
        self.bad_records.append({"source": source, "table": table, "key": key, "fault": fault})

    def variant(self, source: str, table: str, key: str, raw: str, citizen_id: str, name: str | None = None) -> None:
        entry: dict[str, str] = {"source": source, "table": table, "key": key, "raw": raw, "citizen_id": citizen_id}
        if name is not None:
            entry["kind"], entry["name"] = "name", name
        self._spool.write(_dumps(entry) + "\n")
        self.variant_count += 1

    def count(self, table: str, laborer: bool = False) -> None:
        key = TABLE_COUNTS.get(table)
        if key is not None:
            self.counts[key] += 1
        if laborer:
            self.counts["laborers"] += 1

    def plant(self, rule: str, **subject: str) -> None:
        """A situation the rule must find (each subject listed once)."""
        self._add(self.planted, "planted", rule, subject)

    def near_miss(self, rule: str, **subject: str) -> None:
        """A situation planted to look like one the rule finds, which it must NOT find."""
        self._add(self.negatives, "negative", rule, subject)

    def _add(self, into: dict[str, list[dict[str, str]]], kind: str, rule: str, subject: dict[str, str]) -> None:
        marker = (kind, rule, tuple(sorted(subject.items())))
        if marker not in self._seen:
            self._seen.add(marker)
            into.setdefault(rule, []).append(subject)

    def write(
        self,
        path: Path,
        header: Mapping[str, Any],
        findings: Mapping[str, list[dict[str, str]]],
        rules: Iterable[str],
    ) -> None:
        """Write ``truth.json`` atomically (a temporary file renamed into place)."""
        self._spool.close()
        temporary = path.with_suffix(".json.tmp")
        with temporary.open("w", encoding="utf-8") as out:
            out.write("{\n")
            for key, value in header.items():
                out.write(f"  {_dumps(key)}: {_dumps(value)},\n")
            out.write(f'  "counts": {_dumps(dict(self.counts))},\n')
            _write_list(out, "bad_records", (_dumps(entry) for entry in self.bad_records))
            with self._spool_path.open(encoding="utf-8") as spooled:
                _write_list(out, "variants", (line.rstrip("\n") for line in spooled))
            ordered = list(rules)
            _write_rules(out, "planted", self.planted, ordered)
            _write_rules(out, "planted_not_findings", self.negatives, ordered)
            _write_rules(out, "findings", findings, ordered + sorted(set(findings) - set(ordered)), last=True)
            out.write("}\n")
        os.replace(temporary, path)
        self._spool_path.unlink()

    def discard(self) -> None:
        self._spool.close()
        self._spool_path.unlink(missing_ok=True)


def _write_list(out: IO[str], key: str, items: Iterable[str]) -> None:
    out.write(f'  "{key}": [')
    first = True
    for item in items:
        out.write(("\n    " if first else ",\n    ") + item)
        first = False
    out.write("\n  ],\n" if not first else "],\n")


def _write_rules(
    out: IO[str], key: str, lists: Mapping[str, list[dict[str, str]]], rules: list[str], *, last: bool = False
) -> None:
    out.write(f'  "{key}": {{')
    shown = [rule for rule in rules if rule in lists or key != "findings"]
    for index, rule in enumerate(shown):
        items = lists.get(rule, [])
        body = ", ".join(_dumps(item) for item in items)
        out.write(("\n" if index == 0 else ",\n") + f"    {_dumps(rule)}: [{body}]")
    out.write("\n  }" if shown else "}")
    out.write("\n" if last else ",\n")
