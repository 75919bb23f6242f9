"""Benchmark: the window live board and the monthly figures for a city-sized hall, on SQLite.

    .venv/bin/python bench/windows_bench.py [--cases 1000000] [--tickets 1000000] [--windows 60]
        [--db /tmp/xn_windows_bench/bench.sqlite3] [--seed 2025] [--runs 20]

Builds (once; a rerun reuses the file) a hall of --windows windows with five clerks and ten items
each, then a year (2025) of --cases service cases and --tickets queue tickets, each ticket carrying
three queue events (issued, called, served or abandoned): 1,000,000 tickets are 3,000,000 events.
Rows are written with executemany in batches of 20,000 (no trace events: this measures reading),
then the daily rollup the figures read (`CaseDay`, which the actions keep current) is rebuilt
from the cases in one INSERT ... SELECT (`xiaoneng windows_rollup`), then ANALYZE. The last two
weeks leave about 12,000 cases open, green, yellow and red.

Then it times, --runs times each, as a center staff account (county-wide, the largest answer):

* the live board: `views.board_data` (open cases per window and colour, the 50 most urgent cards);
* the monthly figures: `figures_by("unit", month)` (every window), `figures_by("staff", month)`
  (every clerk), `figures(month)` (the whole hall), `queue.waits(month)` (per window and hour) and
  `ranking.monthly_ranking(month)`, for a busy month (2025-12);

and prints p50 and p95 in milliseconds, with the target (< 200 ms) and the machine.
"""

from __future__ import annotations

import argparse
import datetime
import os
import platform
import random
import secrets
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "xiaoneng.settings")

TARGET_MS = 200
YEAR = 2025
BATCH = 20_000
UTC = datetime.UTC


def stamp(moment: datetime.datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S")


def build_hall(windows: int):
    from django.contrib.auth.models import Group

    from xiaoneng.org.models import Person, Position, Unit, UnitKind, User
    from xiaoneng.windows.models import ServiceItem

    if Unit.objects.filter(code="bench-hall").exists():
        hall = Unit.objects.get(code="bench-hall")
    else:
        county = Unit.objects.create(code="bench-county", name="市", short_name="市", kind=UnitKind.COUNTY)
        hall = Unit.objects.create(
            code="bench-hall",
            name="市政务服务中心",
            short_name="政务中心",
            kind=UnitKind.DEPARTMENT,
            parent=county,
        )
        for w in range(windows):
            window = Unit.objects.create(
                code=f"w{w:03d}",
                name=f"{w + 1}号窗口",
                short_name=f"{w + 1}号窗口",
                kind=UnitKind.WINDOW,
                parent=hall,
                sort_order=w,
            )
            Person.objects.bulk_create(
                [Person(name=f"窗口{w + 1}-{p + 1}", unit=window, position=Position.STAFF) for p in range(5)]
            )
            ServiceItem.objects.bulk_create(
                [
                    ServiceItem(
                        unit=window,
                        code=f"w{w:03d}-{i}",
                        name=f"事项{w + 1}-{i + 1}",
                        legal_limit=20,
                        promised_limit=0 if i < 4 else 5 + i,
                        is_immediate=i < 4,
                        materials="申请表\n身份证明",
                    )
                    for i in range(10)
                ]
            )
    user, created = User.objects.get_or_create(username="windows-bench")
    if created:
        user.groups.add(Group.objects.get(name="center_staff"))
        Person.objects.create(name="效能中心", unit=hall, position=Position.STAFF, user=user)
    return hall, User.objects.get(pk=user.pk)


def workdays_of_year() -> list[datetime.date]:
    from xiaoneng.calendar import service

    day, out = datetime.date(YEAR, 1, 1), []
    while day.year == YEAR:
        if service.is_workday(day):
            out.append(day)
        day += datetime.timedelta(days=1)
    return out


def fill_cases(n: int, seed: int) -> None:
    from django.db import connection, transaction

    from xiaoneng.calendar import service
    from xiaoneng.matters.deadlines import yellow_day
    from xiaoneng.windows.models import ServiceCase, ServiceItem

    have = ServiceCase.objects.count()
    if have >= n:
        print(f"cases: {have} already there")
        return
    calendar = service.current_calendar()  # one revision check, not one per call
    rng = random.Random(seed + have)
    items = list(
        ServiceItem.objects.filter(code__startswith="w").values_list(
            "pk", "unit_id", "promised_limit", "is_immediate"
        )
    )
    staff = {}
    from xiaoneng.org.models import Person

    for pk, unit_id in Person.objects.filter(unit__code__startswith="w").values_list("pk", "unit_id"):
        staff.setdefault(unit_id, []).append(pk)
    days = workdays_of_year()
    last_day = days[-1]
    policy_share = 90
    columns = (
        "public_id, number, item_id, unit_id, staff_id, applicant_name, applicant_phone, enterprise_id, "
        "green_card, state, received_at, received_on, completed_at, completed_on, outcome, wait_seconds, "
        "rating_level, rating_token_hash, deadline_start, time_limit, paused_workdays, paused_since, "
        "deadline, deadline_provisional, colour, missed_deadline, escalation_level, yellow_on, red_on, "
        "next_escalation_on"
    )
    sql = f"INSERT INTO windows_servicecase ({columns}) VALUES ({', '.join(['%s'] * 30)})"
    deadlines: dict[tuple, datetime.date] = {}
    began, rows = time.perf_counter(), []
    levels = [5] * 70 + [4] * 18 + [3] * 6 + [2] * 4 + [1] * 2
    from types import SimpleNamespace

    policy = SimpleNamespace(yellow_share=policy_share, yellow_days_before=None)
    for i in range(have, n):
        day = days[i * len(days) // n]
        item_pk, unit_id, limit, immediate = items[rng.randrange(len(items))]
        limit = 0 if immediate else limit
        key = (day, limit)
        if key not in deadlines:
            deadlines[key] = calendar.add_workdays(day, limit)
        deadline = deadlines[key]
        received = datetime.datetime.combine(
            day, datetime.time(8, 30), tzinfo=datetime.timezone(datetime.timedelta(hours=8))
        ) + datetime.timedelta(seconds=rng.randrange(8 * 3600))
        open_case = (last_day - day).days < 14 and rng.random() < 0.3
        public_id = secrets.token_hex(10).upper()
        row = [
            public_id,
            f"{day:%Y%m%d}-{i:08d}",
            item_pk,
            unit_id,
            rng.choice(staff[unit_id]),
            "张三",
            "",
            None,
            False,
        ]
        if open_case:
            yellow = yellow_day(day, deadline, limit, policy)
            red_on = deadline + datetime.timedelta(days=1)
            colour = "red" if last_day >= red_on else "yellow" if yellow and last_day >= yellow else "green"
            row += [
                "received",
                stamp(received),
                day,
                None,
                None,
                "",
                rng.randrange(60, 3600),
                None,
                None,
                day,
                limit,
                0,
                None,
                deadline,
                False,
                colour,
                colour == "red",
                0,
                yellow,
                red_on,
                None,
            ]
        else:
            if immediate or rng.random() < 0.2:
                done_day = day
            else:
                done_day = calendar.add_workdays(day, rng.randint(1, limit + 1)) if limit else day
            outcome = "spot" if done_day == day else "on_time" if done_day <= deadline else "late"
            done = datetime.datetime.combine(done_day, datetime.time(16), tzinfo=UTC)
            rated = rng.random() < 0.8
            row += [
                "completed",
                stamp(received),
                day,
                stamp(done),
                done_day,
                outcome,
                rng.randrange(60, 3600),
                rng.choice(levels) if rated else None,
                None,
                day,
                limit,
                0,
                None,
                deadline,
                False,
                "green",
                outcome == "late",
                0,
                None,
                None,
                None,
            ]
        rows.append(row)
        if len(rows) == BATCH or i == n - 1:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.executemany(sql, rows)
            rows = []
            if (i + 1) % (BATCH * 5) == 0 or i == n - 1:
                print(f"  {i + 1} cases, {time.perf_counter() - began:.0f} s", flush=True)


def fill_tickets(n: int, seed: int) -> None:
    from django.db import connection, transaction

    from xiaoneng.windows.models import QueueTicket

    have = QueueTicket.objects.count()
    if have >= n:
        print(f"tickets: {have} already there")
        return
    from xiaoneng.org.models import Unit

    windows = list(Unit.objects.filter(code__startswith="w", kind="window").values_list("pk", flat=True))
    rng = random.Random(seed * 7 + have)
    days = workdays_of_year()
    per_day = n / len(days)
    sql = (
        "INSERT INTO windows_queueticket (unit_id, day, number, state, green_card, enterprise_id, issued_at, "
        "hour, called_at, finished_at, counter, staff_id, wait_seconds) "
        "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)"
    )
    began, rows = time.perf_counter(), []
    shanghai = datetime.timezone(datetime.timedelta(hours=8))
    for i in range(have, n):
        day = days[min(int(i / per_day), len(days) - 1)]
        unit_id = windows[rng.randrange(len(windows))]
        hour = rng.choices(range(8, 18), weights=[6, 10, 9, 5, 1, 3, 8, 9, 6, 2])[0]
        issued = datetime.datetime.combine(day, datetime.time(hour), tzinfo=shanghai) + datetime.timedelta(
            seconds=rng.randrange(3600)
        )
        wait = int(rng.expovariate(1 / 900))
        abandoned = rng.random() < 0.05
        called = issued + datetime.timedelta(seconds=wait)
        finished = called + datetime.timedelta(seconds=rng.randrange(120, 1200))
        rows.append(
            [
                unit_id,
                day,
                f"A{i:07d}",
                "abandoned" if abandoned else "served",
                rng.random() < 0.02,
                None,
                stamp(issued),
                hour,
                None if abandoned else stamp(called),
                stamp(finished),
                "1号",
                None,
                None if abandoned else wait,
            ]
        )
        if len(rows) == BATCH or i == n - 1:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.executemany(sql, rows)
            rows = []
            if (i + 1) % (BATCH * 5) == 0 or i == n - 1:
                print(
                    f"  {i + 1} tickets ({3 * (i + 1)} queue events), {time.perf_counter() - began:.0f} s",
                    flush=True,
                )


def timed(function, runs: int) -> tuple[float, float]:
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        function()
        times.append((time.perf_counter() - began) * 1000)
    cut = statistics.quantiles(times, n=20, method="inclusive")
    return statistics.median(times), cut[18]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument(
        "--tickets", type=int, default=1_000_000, help="each ticket carries three queue events"
    )
    parser.add_argument("--windows", type=int, default=60)
    parser.add_argument("--db", default="/tmp/xn_windows_bench/bench.sqlite3")
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    Path(args.db).parent.mkdir(parents=True, exist_ok=True)
    os.environ["DATABASE_URL"] = f"sqlite:///{Path(args.db).resolve()}"
    os.environ.setdefault("XIAONENG_DATA_DIR", str(Path(args.db).parent))

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    print("migrating ...", flush=True)
    call_command("migrate", verbosity=0)
    hall, user = build_hall(args.windows)
    print(f"cases (target {args.cases}) ...", flush=True)
    fill_cases(args.cases, args.seed)
    print(f"tickets (target {args.tickets}) ...", flush=True)
    fill_tickets(args.tickets, args.seed)
    from xiaoneng.windows import rollup
    from xiaoneng.windows.models import CaseDay, QueueHour

    if not QueueHour.objects.exists() or sum(CaseDay.objects.values_list("cases", flat=True)) != args.cases:
        began = time.perf_counter()
        rows = rollup.rebuild()
        print(f"rollup: {rows} CaseDay rows in {time.perf_counter() - began:.0f} s", flush=True)
    print("ANALYZE ...", flush=True)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")

    from xiaoneng.windows import queue, ranking
    from xiaoneng.windows.figures import figures, figures_by, month_bounds
    from xiaoneng.windows.models import QueueTicket, ServiceCase
    from xiaoneng.windows.views import board_data

    month = datetime.date(YEAR, 12, 1)
    start, end = month_bounds(month)
    today = datetime.date(YEAR + 1, 1, 31)
    checks = [
        ("live board", lambda: board_data(user)),
        ("figures per window (month)", lambda: figures_by("unit", start, end, today=today)),
        ("figures per person (month)", lambda: figures_by("staff", start, end, today=today)),
        ("figures of the hall (month)", lambda: figures(start, end, unit=hall, today=today)),
        ("queue waits per window/hour", lambda: queue.waits(start, end)),
        ("monthly ranking", lambda: ranking.monthly_ranking(month)),
    ]
    cases, tickets = ServiceCase.objects.count(), QueueTicket.objects.count()
    open_cases = ServiceCase.objects.filter(state="received").count()
    print(
        f"\n{cases} cases ({open_cases} open), {tickets} tickets ({3 * tickets} queue events), "
        f"{args.windows} windows; SQLite {Path(args.db).stat().st_size / 2**20:.0f} MiB"
    )
    print(
        f"machine: {platform.machine()} {platform.processor() or ''} {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, SQLite {connection.Database.sqlite_version}"
    )
    failed = False
    for label, function in checks:
        function()  # warm the page cache once
        p50, p95 = timed(function, args.runs)
        ok = p95 < TARGET_MS
        failed |= not ok
        print(
            f"{label:<30} p50 {p50:7.1f} ms   p95 {p95:7.1f} ms   {'ok' if ok else 'OVER'} (< {TARGET_MS} ms)"
        )
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
