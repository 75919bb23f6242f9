"""Benchmark: a year's standings (assessment.standings.compute_standings) over a large ledger.

    .venv/bin/python bench/standings_bench.py [--units 2000] [--entries 1000000] [--runs 7]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/xn_bench_standings \\
        .venv/bin/python bench/standings_bench.py

Without DATABASE_URL it uses SQLite at /tmp/xn_standings_bench.sqlite3. The database must hold
nothing but earlier runs of this bench: it is filled once (2,000 units in three groups, one
approved proposal and one ledger entry per entry, spread over the rules, the year's four quarters
and a second year, and some person entries) with `bulk_create` in batches. The append-only
guard of LedgerEntry refuses update(), delete() and re-saving a stored row; bulk_create only
INSERTs and is allowed. A rerun reuses the data.

Timed, median of --runs after one warm-up, each on the same warm connection:
- `compute_standings(year)`: the product's code (the one aggregate query, caps, ranks, groups);
- the same standings written by hand in SQL (per-rule sums, rule and year caps, base, RANK() per
  group; the breakdown and the ranked table, both fetched in full), checked to agree with ours;
- and, for reference, only the bare aggregate (GROUP BY unit_id, rule_id with SUM and COUNT).
Targets: standings under one second; at most 2x the same standings written by hand.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import random
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlparse, urlunparse

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "xiaoneng.settings")
os.environ.setdefault("DATABASE_URL", "sqlite:////tmp/xn_standings_bench.sqlite3")

YEAR = 2026
HAND_SQL = (
    "SELECT unit_id, rule_id, SUM(points), COUNT(*) FROM scoring_ledgerentry "
    "WHERE year = %s AND unit_id IS NOT NULL GROUP BY unit_id, rule_id ORDER BY unit_id, rule_id"
)

# The whole standings written by hand: the same per-rule sums, the rule caps, the year's caps,
# the base score and a rank within each group (window functions: SQLite 3.25+, PostgreSQL, and
# the domestic engines alike). Two statements, as the standings return both the breakdown per
# rule and the ranked table.
CAPPED = """
    SELECT s.unit_id, s.rule_id, s.raw, s.n,
           CASE WHEN r.cap_per_unit_year IS NULL THEN s.raw
                WHEN r.kind = 'deduction' AND s.raw < -r.cap_per_unit_year THEN -r.cap_per_unit_year
                WHEN r.kind = 'bonus' AND s.raw > r.cap_per_unit_year THEN r.cap_per_unit_year
                ELSE s.raw END AS counted
    FROM (SELECT unit_id, rule_id, SUM(points) AS raw, COUNT(*) AS n FROM scoring_ledgerentry
          WHERE year = %s AND unit_id IS NOT NULL GROUP BY unit_id, rule_id) s
    JOIN scoring_scorerule r ON r.id = s.rule_id
"""
FULL_SQL = f"""
    WITH capped AS ({CAPPED}),
    per_unit AS (
        SELECT unit_id, SUM(CASE WHEN counted < 0 THEN counted ELSE 0 END) AS ded,
               SUM(CASE WHEN counted > 0 THEN counted ELSE 0 END) AS bon
        FROM capped GROUP BY unit_id),
    scored AS (
        SELECT m.group_id, u.id AS unit_id, u.sort_order, u.code,
               y.base_score
               + CASE WHEN y.max_deduction IS NOT NULL AND COALESCE(p.ded, 0) < -y.max_deduction
                      THEN -y.max_deduction ELSE COALESCE(p.ded, 0) END
               + CASE WHEN y.max_bonus IS NOT NULL AND COALESCE(p.bon, 0) > y.max_bonus
                      THEN y.max_bonus ELSE COALESCE(p.bon, 0) END AS score
        FROM assessment_groupmembership m
        JOIN assessment_assessmentyear y ON y.id = m.assessment_year_id
        JOIN org_unit u ON u.id = m.unit_id
        LEFT JOIN per_unit p ON p.unit_id = m.unit_id
        WHERE y.year = %s)
    SELECT group_id, unit_id, score, RANK() OVER (PARTITION BY group_id ORDER BY score DESC) AS rank
    FROM scored ORDER BY group_id, rank, sort_order, code
"""


def ensure_database(url: str) -> None:
    if not url.startswith(("postgres://", "postgresql://")):
        return
    import psycopg

    parts = urlparse(url)
    name = parts.path.lstrip("/")
    admin = urlunparse(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def fill(units: int, entries: int, seed: int, batch: int) -> None:
    from django.db import transaction
    from django.utils import timezone

    from xiaoneng.assessment.models import AssessmentYear, GroupMembership, UnitGroup
    from xiaoneng.org.models import Person, Position, Unit, UnitKind, User
    from xiaoneng.scoring.models import LedgerEntry, ScoreProposal, ScoreRule

    rng = random.Random(seed)
    county, _ = Unit.objects.get_or_create(
        code="bench-county", defaults={"name": "基准县", "short_name": "基准县", "kind": UnitKind.COUNTY}
    )
    have = Unit.objects.filter(code__startswith="bench-u").count()
    for i in range(have, units):
        Unit.objects.create(
            code=f"bench-u{i:05d}",
            name=f"基准单位{i:05d}",
            short_name=f"单位{i:05d}",
            kind=UnitKind.DEPARTMENT,
            parent=county,
            sort_order=i,
        )
    unit_ids = list(
        Unit.objects.filter(code__startswith="bench-u").order_by("pk").values_list("pk", flat=True)
    )
    ay, _ = AssessmentYear.objects.get_or_create(
        year=YEAR,
        defaults={
            "title": f"{YEAR}年度效能考核（基准）",
            "max_deduction": Decimal(30),
            "max_bonus": Decimal(10),
        },
    )
    if not GroupMembership.objects.filter(assessment_year=ay).exists():
        groups = [
            UnitGroup.objects.create(assessment_year=ay, name=n, sort_order=i)
            for i, n in enumerate(["重点部门单位", "乡镇", "站所"])
        ]
        GroupMembership.objects.bulk_create(
            GroupMembership(assessment_year=ay, group=groups[i % 3], unit_id=uid)
            for i, uid in enumerate(unit_ids)
        )
    ScoreRule.objects.filter(code="complaint_verified").update(cap_per_unit_year=Decimal(10))
    approver, _ = User.objects.get_or_create(username="bench-approver")
    persons = list(Person.objects.filter(unit__code__startswith="bench-u").values_list("pk", flat=True))
    if not persons:
        Person.objects.bulk_create(
            Person(name=f"干部{i}", unit_id=uid, position=Position.STAFF)
            for i, uid in enumerate(unit_ids[:200])
        )
        persons = list(Person.objects.filter(unit__code__startswith="bench-u").values_list("pk", flat=True))
    rules = list(ScoreRule.objects.values_list("pk", "default_points"))
    done = LedgerEntry.objects.count()
    tz = timezone.get_default_timezone()
    start = datetime.datetime(YEAR, 1, 1, 8, tzinfo=tz)
    while done < entries:
        n = min(batch, entries - done)
        proposals, rows = [], []
        for k in range(n):
            rule_id, points = rng.choice(rules)
            at = start + datetime.timedelta(minutes=rng.randrange(365 * 24 * 60))
            year = YEAR if rng.random() < 0.9 else YEAR - 1
            unit_id, person_id = (
                (None, rng.choice(persons)) if rng.random() < 0.02 else (rng.choice(unit_ids), None)
            )
            subject = {
                "unit_id": unit_id,
                "person_id": person_id,
                "rule_id": rule_id,
                "points": points,
                "year": year,
                "reason": "基准",
            }
            proposals.append(
                ScoreProposal(
                    **subject,
                    proposed_at=at,
                    state="approved",
                    decided_at=at,
                    decided_by=approver,
                    dedupe_key=f"bench-{done + k}",
                )
            )
            rows.append((subject, at))
        with transaction.atomic():
            made = ScoreProposal.objects.bulk_create(proposals)
            LedgerEntry.objects.bulk_create(
                LedgerEntry(**subject, proposal=p, approved_by=approver, approved_at=at)
                for p, (subject, at) in zip(made, rows, strict=True)
            )
        done += n
        print(f"\r{done} entries", end="", file=sys.stderr, flush=True)
    print(file=sys.stderr)


def timed(function, runs: int) -> tuple[list[float], list[float]]:
    """Wall-clock and this process's CPU time per run (on SQLite the query runs in this process,
    so CPU time is the figure that does not depend on what else the machine is doing)."""
    function()  # warm-up
    wall, cpu = [], []
    for _ in range(runs):
        began, began_cpu = time.perf_counter(), time.process_time()
        function()
        wall.append(time.perf_counter() - began)
        cpu.append(time.process_time() - began_cpu)
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=2000)
    parser.add_argument("--entries", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--seed", type=int, default=20260101)
    parser.add_argument("--batch", type=int, default=10_000)
    args = parser.parse_args()
    ensure_database(os.environ["DATABASE_URL"])

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from xiaoneng.assessment.models import AssessmentYear
    from xiaoneng.assessment.standings import compute_standings

    call_command("migrate", verbosity=0)
    began = time.perf_counter()
    fill(args.units, args.entries, args.seed, args.batch)
    fill_seconds = time.perf_counter() - began
    with connection.cursor() as cursor:
        # PostgreSQL: VACUUM sets the visibility map, so the covering index is read index-only,
        # as it is once autovacuum has visited the table after a bulk load.
        cursor.execute(
            "VACUUM ANALYZE scoring_ledgerentry" if connection.vendor == "postgresql" else "ANALYZE"
        )
    ay = AssessmentYear.objects.get(year=YEAR)

    def by_hand():
        with connection.cursor() as cursor:
            cursor.execute(HAND_SQL, [YEAR])
            return cursor.fetchall()

    def full_by_hand():
        with connection.cursor() as cursor:
            cursor.execute(CAPPED, [YEAR])
            breakdown = cursor.fetchall()
            cursor.execute(FULL_SQL, [YEAR, YEAR])
            return breakdown, cursor.fetchall()

    (ours, ours_cpu), (hand, hand_cpu), (full, full_cpu) = (
        timed(lambda: compute_standings(ay), args.runs),
        timed(by_hand, args.runs),
        timed(full_by_hand, args.runs),
    )
    # The hand-written standings agree with ours, unit by unit: rank and score.
    _breakdown, ranked_by_hand = full_by_hand()
    mine = {r.unit.pk: (r.rank, r.score) for g in compute_standings(ay) for r in g.rows}
    theirs = {unit: (rank, round(float(score), 2)) for _group, unit, score, rank in ranked_by_hand}
    assert {k: (v[0], float(v[1])) for k, v in mine.items() if k in theirs} == theirs, "hand SQL disagrees"
    groups = compute_standings(ay)
    assert [[(r.unit.pk, r.rank, r.score) for r in g.rows] for g in groups] == [
        [(r.unit.pk, r.rank, r.score) for r in g.rows] for g in compute_standings(ay)
    ], "recomputation differs"
    ranked = sum(len(g.rows) for g in groups)
    from xiaoneng.scoring.models import LedgerEntry

    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(
        f"{connection.vendor} · {platform.machine()} · {os.cpu_count()} cores · load {load:.1f} · "
        f"Python {platform.python_version()}"
    )
    print(
        f"ledger: {LedgerEntry.objects.count()} entries, {ranked} units ranked in {len(groups)} groups "
        f"(fill {fill_seconds:.0f} s)"
    )
    for label, wall, cpu in (("compute_standings", ours, ours_cpu), ("hand-written SQL ", hand, hand_cpu),
                             ("hand standings   ", full, full_cpu)):
        print(
            f"{label}: wall median {statistics.median(wall) * 1000:.0f} ms (min {min(wall) * 1000:.0f}, "
            f"max {max(wall) * 1000:.0f}); CPU of this process median {statistics.median(cpu) * 1000:.0f} ms"
        )
    ours_m, hand_m, full_m = statistics.median(ours), statistics.median(hand), statistics.median(full)
    print(
        f"ratio to the same standings by hand {ours_m / full_m:.2f}x, to the bare aggregate "
        f"{ours_m / hand_m:.2f}x (wall); target < 1 s: {'met' if ours_m < 1 else 'NOT met'}; "
        f"target <= 2x the same standings by hand: {'met' if ours_m <= 2 * full_m else 'NOT met'}"
    )


if __name__ == "__main__":
    main()
