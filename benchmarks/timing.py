"""Timing several runs of one piece of work, for the benchmark scripts."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any


def runs_of(fn: Callable[[], Any], runs: int) -> tuple[list[float], Any]:
    """Seconds each run took, and the last run's result."""
    times, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - started)
    return times, result


def best_of(runs: int, fn: Callable[[], Any]) -> float:
    return min(runs_of(fn, runs)[0])


def timed(label: str, fn: Callable[[], Any], runs: int) -> Any:
    """Print the best and worst of ``runs``; the result."""
    times, result = runs_of(fn, runs)
    print(f"{label:<56} best {min(times):6.3f} s   worst {max(times):6.3f} s")
    return result
