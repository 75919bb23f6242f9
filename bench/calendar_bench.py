"""Benchmark: our working-day index against chinesecalendar's find_workday.

    .venv/bin/python bench/calendar_bench.py [--pairs 100000] [--seed 20251001]

Both answer "the Nth working day after D" for the same seeded random pairs (a working-day start
in 2004–2026, N in -30..30). chinesecalendar's find_workday(delta >= 0, D) counts D itself when
it is a working day, which matches our rule (D never counts) only for working-day starts; that is
why every start is a working day. Pairs whose answer would leave the years chinesecalendar covers
are drawn again. The answers must be identical, apart from the days where the shipped data follows
the State Council notice and chinesecalendar does not (listed in KNOWN_DIFFERENCES and reported).

Reported: mismatches, time per call for chinesecalendar, for our single call and for the
vectorised batch (add_workdays_many), and the speed ratios. Target: at least 1,000x faster.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import chinese_calendar  # noqa: E402

from xiaoneng.calendar.schedule import shipped_schedules  # noqa: E402
from xiaoneng.calendar.workdays import WorkdayCalendar  # noqa: E402

FIRST, LAST = date(2004, 1, 1), date(2026, 12, 31)
KNOWN_DIFFERENCES = {date(2005, 12, 31)}  # 国办发明电〔2005〕35号: worked; chinesecalendar: off
TARGET = 1000


def make_pairs(calendar: WorkdayCalendar, count: int, seed: int) -> list[tuple[date, int]]:
    rng = random.Random(seed)
    span = (LAST - FIRST).days
    margin_first, margin_last = FIRST + timedelta(days=60), LAST - timedelta(days=60)
    pairs = []
    while len(pairs) < count:
        start = FIRST + timedelta(days=rng.randrange(span + 1))
        if not calendar.is_workday(start) or not margin_first <= start <= margin_last:
            continue
        pairs.append((start, rng.randint(-30, 30)))
    return pairs


def timed(function, *args) -> tuple[float, object]:
    began = time.perf_counter()
    result = function(*args)
    return time.perf_counter() - began, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=20251001)
    args = parser.parse_args()

    build_seconds, calendar = timed(lambda: WorkdayCalendar(shipped_schedules()))
    pairs = make_pairs(calendar, args.pairs, args.seed)
    starts = np.array(pairs, dtype=object)[:, 0].astype("datetime64[D]")
    ns = np.array([n for _, n in pairs], dtype=np.int64)

    theirs_seconds, theirs = timed(lambda: [chinese_calendar.find_workday(n, day) for day, n in pairs])
    single_seconds, single = timed(lambda: [calendar.add_workdays(day, n) for day, n in pairs])
    calendar.add_workdays_many(starts[:10], ns[:10])  # warm-up
    batch_seconds, batch = timed(calendar.add_workdays_many, starts, ns)
    batch = batch.astype(object).tolist()

    assert single == batch, "single and batch answers differ"
    mismatches = [(day, n, ours, other) for (day, n), ours, other in zip(pairs, single, theirs, strict=True)
                  if ours != other]
    unexplained = [m for m in mismatches
                   if not any(min(m[0], m[2], m[3]) <= k <= max(m[0], m[2], m[3]) for k in KNOWN_DIFFERENCES)]

    per = 1e6 / len(pairs)
    rows = [
        ("python", platform.python_version()),
        ("machine", f"{platform.machine()}, {os.cpu_count()} CPUs, {platform.system()} {platform.release()}"),
        ("numpy / chinesecalendar", f"{np.__version__} / {chinese_calendar.__version__}"),
        ("pairs (seed)", f"{len(pairs):,} ({args.seed})"),
        ("index build", f"{build_seconds * 1000:.1f} ms (once per process)"),
        ("chinesecalendar find_workday", f"{theirs_seconds * per:.3f} µs/call"),
        ("ours, single add_workdays", f"{single_seconds * per:.3f} µs/call  "
                                      f"({theirs_seconds / single_seconds:,.0f}x faster)"),
        ("ours, batch add_workdays_many", f"{batch_seconds * per:.4f} µs/pair  "
                                          f"({theirs_seconds / batch_seconds:,.0f}x faster)"),
        ("mismatches", f"{len(mismatches)} (explained by KNOWN_DIFFERENCES: "
                       f"{len(mismatches) - len(unexplained)})"),
    ]
    width = max(len(label) for label, _ in rows)
    for label, value in rows:
        print(f"{label:<{width}}  {value}")
    for day, n, ours, other in mismatches[:10]:
        print(f"  mismatch: {day} {n:+d}: ours {ours}, chinesecalendar {other}")
    for label, seconds in (("single", single_seconds), ("batch", batch_seconds)):
        ratio = theirs_seconds / seconds
        verdict = "meets" if ratio >= TARGET else "does not meet"
        print(f"{label}: {ratio:,.0f}x {verdict} the {TARGET:,}x target")
    assert not unexplained, f"{len(unexplained)} unexplained mismatches"


if __name__ == "__main__":
    main()
