"""Seeds derived from the run's seed and a name, so each village, household and month draws alone.

A village's random stream never depends on which villages came before it, how many months are
generated or how rows are batched: that is what makes the output a pure function of (seed, scale).
"""

from __future__ import annotations

import hashlib
import random

_SCALE = float(1 << 64)


def derive(seed: int, *parts: object) -> int:
    """A 64-bit integer fixed by the seed and the parts (stable across runs and Python versions)."""
    text = ":".join(str(part) for part in (seed, *parts)).encode()
    return int.from_bytes(hashlib.blake2b(text, digest_size=8).digest(), "big")


def stream(seed: int, *parts: object) -> random.Random:
    """An independent random stream named by ``parts``."""
    return random.Random(derive(seed, *parts))


def between(draw: random.Random, low: int, high: int) -> int:
    """``draw.randint(low, high)`` at a fraction of the cost, for the per-row hot paths."""
    return low + int(draw.random() * (high - low + 1))


def unit(seed: int, *parts: object) -> float:
    """A uniform draw in [0, 1) fixed by the parts."""
    return derive(seed, *parts) / _SCALE
