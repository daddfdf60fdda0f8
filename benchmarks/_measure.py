"""Shared helpers: run a command several times, take the median, print a ratio to its floor."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

RUNS = int(os.environ.get("BENCH_RUNS", "9"))


def environment() -> dict[str, str]:
    """Like a user's shell: bytecode caches allowed (an installed program has them)."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.pop("TECHTIME_TODAY", None)
    return env


def time_command(argv: Sequence[str], *, env: dict[str, str] | None = None) -> float:
    start = time.perf_counter()
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, env=env or environment())
    return time.perf_counter() - start


def median_of(measure: Callable[[], float], runs: int = RUNS) -> float:
    measure()  # warm-up: bytecode written, file cache hot
    return statistics.median(measure() for _ in range(runs))


def report(name: str, value: float, floor: float, target: float) -> bool:
    ratio = value / floor
    verdict = "ok" if ratio <= target else "OVER"
    print(f"{name:<44} {value * 1000:7.1f} ms  {ratio:5.2f}x floor  (target <= {target:.1f}x)  {verdict}")
    return ratio <= target


def python() -> str:
    return sys.executable


def techtime() -> str:
    """The installed console script, as a user starts it (beside this Python)."""
    return str(Path(sys.executable).with_name("techtime"))
