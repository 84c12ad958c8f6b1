"""Synthetic departmental sources: realistic, deterministic, with planted faults and rule situations.

``generate(out_dir, scale=..., seed=...)`` writes ``hr.db``, ``poverty.db`` and ``finance.db`` (from the
departments' DDL), village ledgers under ``ledgers/`` and ``truth.json``, the ground truth the hub is
scored against. No real personal data is involved anywhere.
"""

from synth.config import SCALES, Rates
from synth.generation import GenerationError, Summary, generate

__all__ = ["SCALES", "GenerationError", "Rates", "Summary", "generate"]
