"""Shared helpers: run a command several times, take the median, print a ratio to its floor."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NamedTuple

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


def samples(measures: dict[str, Callable[[], float]], runs: int = RUNS) -> dict[str, list[float]]:
    """Every run of each measure, taken in turns (floor, a, b, floor, a, b, ...).

    On a shared machine the load drifts over a minute; in turns, a floor and what is compared
    with it see the same drift, so their ratio holds still even when the milliseconds do not.
    """
    for measure in measures.values():
        measure()  # warm-up: bytecode written, file cache hot
    taken: dict[str, list[float]] = {name: [] for name in measures}
    for _ in range(runs):
        for name, measure in measures.items():
            taken[name].append(measure())
    return taken


def medians(measures: dict[str, Callable[[], float]], runs: int = RUNS) -> dict[str, float]:
    """The median of each measure, taken in turns (see `samples`)."""
    return {name: statistics.median(values) for name, values in samples(measures, runs).items()}


def report(name: str, value: float, floor: float, target: float, spread: Sequence[float] = ()) -> bool:
    """One line: the median, its ratio to the floor's median, the target; `spread`: the runs (min-max shown)."""
    ratio = value / floor
    verdict = "ok" if ratio <= target else "OVER"
    span = f"  [{min(spread) * 1000:.0f}-{max(spread) * 1000:.0f} ms]" if spread else ""
    print(f"{name:<44} {value * 1000:7.1f} ms  {ratio:5.2f}x floor  (target <= {target:.1f}x)  {verdict}{span}")
    return ratio <= target


def imports(argv: Sequence[str]) -> tuple[int, float]:
    """Modules a command imports and the sum of their own import times (-X importtime, in seconds).

    The count does not move with the machine's load; the time moves less than the wall clock.
    """
    env = environment() | {"PYTHONPROFILEIMPORTTIME": "1"}
    err = subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, text=True).stderr
    own = [
        int(line.split("|")[0].split(":")[1])
        for line in err.splitlines()
        if line.startswith("import time:") and "[us]" not in line
    ]
    return len(own), sum(own) / 1e6


def python() -> str:
    return sys.executable


def techtime() -> str:
    """The installed console script, as a user starts it (beside this Python)."""
    return str(Path(sys.executable).with_name("techtime"))


class Child(NamedTuple):
    seconds: float
    peak_mib: float  # the child's peak resident memory (ru_maxrss): steady whatever the load


def run_child(argv: Sequence[str], *, env: dict[str, str] | None = None) -> Child:
    """Run a command to its end: its wall time and its own peak memory (GNU time's %M, the child's
    ru_maxrss). Not wait4's rusage of a child of this process: the child's peak counts the pages it
    shared with this benchmark before it exec'd (fork and vfork alike), 200 MiB here at 100k."""
    with tempfile.NamedTemporaryFile("r", suffix=".rss") as peak:
        start = time.perf_counter()
        subprocess.run(
            ["/usr/bin/time", "-f", "%M", "-o", peak.name, *argv],
            check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env or environment(),
        )  # fmt: skip
        elapsed = time.perf_counter() - start
        return Child(elapsed, int(peak.read().split()[-1]) / 1024)


def turns(measures: dict[str, Callable[[], Child]], runs: int = RUNS) -> dict[str, list[Child]]:
    """Every measure `runs` times, in turns (a, b, c, a, b, c, ...), after one warm-up each."""
    for measure in measures.values():
        measure()
    samples: dict[str, list[Child]] = {name: [] for name in measures}
    for _ in range(runs):
        for name, measure in measures.items():
            samples[name].append(measure())
    return samples


def spread(values: Sequence[float], unit: str = "s", digits: int = 2) -> str:
    """'median (min-max)' of the values."""
    return f"{statistics.median(values):.{digits}f} {unit} ({min(values):.{digits}f}-{max(values):.{digits}f})"


def ms_range(values: Sequence[float], digits: int = 0) -> str:
    """'[min-max]' of times in seconds, in milliseconds."""
    return f"[{min(values) * 1000:.{digits}f}-{max(values) * 1000:.{digits}f}]"


def load() -> str:
    return "load average " + " ".join(f"{value:.2f}" for value in os.getloadavg()) + f" on {os.cpu_count()} cores"
