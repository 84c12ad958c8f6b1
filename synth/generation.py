"""``generate``: the whole source set, county by county, township by township, village by village.

Only one township's people are in memory at a time; rows stream to the databases in batches. Running
again on the same folder with the same seed and scale and more months extends the set: every row is
regenerated, but only new rows and rows that really changed are written, and existing ledgers are left
alone, so an incremental sync of the sources sees just what happened since.
"""

from __future__ import annotations

import importlib.util
import json
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from synth import county_rows, periods
from synth.config import Rates, Scale, scale_named
from synth.county import build_county, minimum_wages
from synth.emit import Emitter
from synth.hosts import place_plants
from synth.ledgers import LedgerFiles
from synth.plan import plan_county
from synth.population import assign_ids, build_village
from synth.regions import County, Village, select_counties, villages_of
from synth.schema import SOURCES
from synth.sinks import PostgresStore, RowSink, SqliteStore, Store
from synth.truth import TruthLog
from synth.village import Run, generate_village

RULES = (
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
)

type Progress = Callable[[str, int, int], None]
"""``progress(phase, done, total)``; phases: 'villages', 'findings', 'truth'."""


class GenerationError(ValueError):
    """The output folder cannot take this generation; the message says why and what to do."""


@dataclass(frozen=True, slots=True)
class Summary:
    """What a run produced: truth.json's counts, faults and plants, and what it wrote (for the CLI's table)."""

    out_dir: Path
    scale: str
    seed: int
    months: list[str]
    extended: bool
    counts: dict[str, int]
    faults: dict[str, int]
    variants: int
    planted: dict[str, int]
    rows_written: dict[str, int]
    ledger_files: int
    seconds: float
    findings: dict[str, int] = field(default_factory=dict)


def read_header(path: Path) -> dict[str, object]:
    """seed, scale and months of an existing ``truth.json`` (its first lines, not the whole file)."""
    header: dict[str, object] = {}
    try:
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                text = line.strip().rstrip(",")
                if text.startswith('"counts"'):
                    break
                if text.startswith('"'):
                    header.update(json.loads("{" + text + "}"))
    except json.JSONDecodeError:  # not laid out as this module writes it: read it whole
        whole = json.loads(path.read_text(encoding="utf-8"))
        header = {key: whole.get(key) for key in ("seed", "scale", "months")}
    return header


def _check_folder(out_dir: Path, scale: str, seed: int, months: int) -> bool:
    """Whether this run extends an earlier generation in ``out_dir`` (raises when it cannot)."""
    truth = out_dir / "truth.json"
    databases = [out_dir / f"{source}.db" for source in SOURCES if (out_dir / f"{source}.db").exists()]
    if not truth.exists():
        if databases or any((out_dir / "ledgers").glob("*.xlsx")):
            raise GenerationError(
                f"{out_dir}: has source files but no truth.json (an interrupted generation?); "
                "delete the folder or choose another --out"
            )
        return False
    header = read_header(truth)
    before = header.get("months")
    if header.get("seed") != seed or header.get("scale") != scale or not isinstance(before, list):
        raise GenerationError(
            f"{out_dir}: holds seed={header.get('seed')} scale={header.get('scale')}, not seed={seed} "
            f"scale={scale}; extend with the same seed and scale, or choose another --out"
        )
    if months < len(before):
        raise GenerationError(
            f"{out_dir}: already holds {len(before)} months, months={months} is fewer; "
            "a generation can only be extended"
        )
    return True


def _open_stores(out_dir: Path, pg_urls: dict[str, str]) -> dict[str, list[Store]]:
    """Each source's SQLite file, plus its PostgreSQL database when given (all closed again on failure).

    PostgreSQL is opened first, so a database that cannot take the rows leaves no SQLite file behind.
    """
    stores: dict[str, list[Store]] = {source: [] for source in SOURCES}
    try:
        postgres = {source: PostgresStore(url, source) for source, url in pg_urls.items()}
        for source in SOURCES:
            stores[source].append(SqliteStore(out_dir / f"{source}.db"))
            if source in postgres:
                stores[source].append(postgres.pop(source))
    except BaseException:
        for opened in stores.values():
            for store in opened:
                store.close()
        raise
    return stores


def _findings(out_dir: Path, bad_records: list[dict[str, str]]) -> dict[str, list[dict[str, str]]]:
    """The ground-truth findings, if the findings module is installed (else none)."""
    if importlib.util.find_spec("synth.truth_findings") is None:
        return {}
    from synth.truth_findings import compute_findings  # the team's independent rule implementation

    return compute_findings(out_dir, bad_records)


def _write_sources(run: Run, spec: Scale, report: Progress) -> None:
    """Every county's shared rows, then its villages township by township (IDs are per township)."""
    seed = run.seed
    plan: list[tuple[County, list[Village]]] = []
    serial = 1
    for county in select_counties(spec, seed):
        villages = villages_of(county, spec, seed, serial)
        serial += len(villages)
        plan.append((county, villages))
    raised = frozenset({plan[0][0].code})
    county_rows.wage_rows(run.emitter, minimum_wages(seed, raised))
    done = 0
    for position, (county, villages) in enumerate(plan):
        world = build_county(county, villages, seed, raised=raised, declines=position == 0)
        world.plants = plan_county(world, seed)
        county_rows.employer_rows(run.emitter, world)
        county_rows.workshop_rows(run.emitter, world)
        county_rows.posting_rows(run.emitter, world, run.months, seed)
        county_rows.county_plants(run.truth, world, run.months)
        local = {village.code: index for index, village in enumerate(villages)}
        for township in county.townships:
            people = [build_village(v, seed, run.rates) for v in villages if v.township == township]
            plants = {p.village.code: place_plants(p, world.plants[p.village.code], seed) for p in people}
            assign_ids(township, people)
            for village_people in people:
                code = village_people.village.code
                generate_village(run, village_people, plants[code], world, local[code])
                done += 1
                report("villages", done, serial - 1)


def generate(
    out_dir: Path,
    *,
    scale: str,
    seed: int,
    months: int | None = None,
    pg_urls: dict[str, str] | None = None,
    progress: Progress | None = None,
    rates: Rates | None = None,
) -> Summary:
    """Generate (or extend) the departments' sources, ledgers and ``truth.json`` in ``out_dir``."""
    started = time.monotonic()
    out_dir = Path(out_dir).resolve()  # relative folders too: the truth attaches the databases by file URI
    spec = scale_named(scale)
    months = spec.default_months if months is None else months
    if not 1 <= months <= periods.MAX_MONTHS:
        raise GenerationError(f"months={months}: expected 1 to {periods.MAX_MONTHS}")
    unknown = set(pg_urls or {}) - set(SOURCES)
    if unknown:
        raise GenerationError(f"pg_urls: unknown source(s) {', '.join(sorted(unknown))}; expected {', '.join(SOURCES)}")
    rates = rates or Rates()
    report = progress or (lambda phase, done, total: None)
    out_dir.mkdir(parents=True, exist_ok=True)
    extended = _check_folder(out_dir, scale, seed, months)
    ledger_folder = out_dir / "ledgers"
    ledger_folder.mkdir(exist_ok=True)

    sink = RowSink(_open_stores(out_dir, pg_urls or {}))
    truth = TruthLog(out_dir / ".truth-variants.tmp")
    emitter = Emitter(seed, rates, periods.first_day(months), sink, truth)
    files = LedgerFiles(ledger_folder)
    run = Run(seed, months, rates, emitter, truth, files)
    try:
        _write_sources(run, spec, report)
        sink.close()
    except BaseException:
        sink.abort()
        truth.discard()
        raise
    report("findings", 0, 1)
    try:
        findings = _findings(out_dir, truth.bad_records)
    except BaseException:
        truth.discard()
        raise
    report("findings", 1, 1)
    report("truth", 0, 1)
    header = {"seed": seed, "scale": scale, "months": [periods.period(m) for m in range(months)]}
    truth.write(out_dir / "truth.json", header, findings, RULES)
    report("truth", 1, 1)
    faults = Counter(record["fault"] for record in truth.bad_records)
    return Summary(
        out_dir,
        scale,
        seed,
        header["months"],
        extended,
        dict(truth.counts),
        dict(faults),
        truth.variant_count,
        {rule: len(truth.planted[rule]) for rule in RULES if rule in truth.planted},
        dict(sink.written),
        files.saved,
        time.monotonic() - started,
        {rule: len(found) for rule, found in findings.items()},
    )
