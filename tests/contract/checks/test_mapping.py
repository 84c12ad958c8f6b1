"""Broken connectors the *mapping coverage* check catches: codes of their own, gaps, no caliber department."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

import pytest

from connectors.contract import ContractCase, ContractRun, ContractViolation, run_check
from connectors.framework import Field, SqlStream
from connectors.hr import HrConnector
from connectors.hr.streams import STREAMS, EmploymentRecords


class OwnCodesRecords(EmploymentRecords):
    """Maps sex with a table of its own: right today, invisible to the caliber and GraphiQL."""

    fields: ClassVar[dict[str, Field]] = {**EmploymentRecords.fields, "sex": Field("XB", {"1": "M", "2": "F"}.get)}


class GapRecords(EmploymentRecords):
    """Maps sex with a table that forgot a value."""

    fields: ClassVar[dict[str, Field]] = {**EmploymentRecords.fields, "sex": Field("XB", {"1": "M"}.get)}


class CountyConnector(HrConnector):
    """Another county's copy of the HR system, without a caliber department file of its own."""

    name = "county2"


def hr(stream: type[SqlStream]) -> type[HrConnector]:
    streams = tuple(stream if issubclass(stream, base) else base for base in STREAMS)
    return type(f"{stream.__name__}Hr", (HrConnector,), {"stream_types": streams})


@pytest.mark.parametrize(
    ("connector", "message"),
    [
        (
            hr(OwnCodesRecords),
            r"^mapping_coverage: connector hr stream JY_LDLJYXX: field sex carries sex codes but maps XB with "
            r"<built-in method get of dict object at 0x[0-9a-f]+>, not the caliber; expected Field\('XB', "
            r"coded\('hr', 'sex'\)\) with the values in graph/caliber/data/departments/hr\.toml$",
        ),
        (
            hr(GapRecords),
            r"^mapping_coverage: connector hr stream JY_LDLJYXX: field sex reads XB, which the caliber maps as sex, "
            r"but turns the hr value '2' into None; expected 'F': map the column with coded\('hr', 'sex'\)$",
        ),
        (
            CountyConnector,
            r"^mapping_coverage: connector county2 stream JY_YGDW: field employer_type carries codes but the caliber "
            r"has no department 'county2'; expected graph/caliber/data/departments/county2\.toml mapping",
        ),
    ],
    ids=["own-codes", "gap", "no-department"],
)
def test_a_mapping_gap_is_caught(connector: type[HrConnector], message: str, village: Path) -> None:
    with pytest.raises(ContractViolation, match=message):
        run_check(ContractRun(ContractCase(connector, f"sqlite:///{village / 'hr.db'}")), "mapping_coverage")


def test_the_built_in_hr_mappings_are_covered(village: Path) -> None:
    run_check(ContractRun(ContractCase(HrConnector, f"sqlite:///{village / 'hr.db'}")), "mapping_coverage")
