"""Benchmark: search_matters (the bigram index) against a plain icontains scan, on PostgreSQL.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/xn_search_bench \\
        .venv/bin/python bench/search_bench.py [--n 100000] [--seed 20251001] [--batch 2000]

Fills the database named by DATABASE_URL (created if missing; it must hold nothing but earlier
runs of this bench) with N synthetic matters whose Chinese text follows a skewed word
distribution, in bulk batches (no trace events: this measures search, not intake). A rerun with a
larger --n only adds the difference and indexes it. Then it builds the index of the new matters
with xiaoneng.search.index.reindex (the code `xiaoneng search reindex` runs), runs VACUUM ANALYZE
(as autovacuum would soon after a bulk load) and times 100 searches: 50 of common words (each in
half or more of the matters) and 50 of rare ones (a village name in ~0.4%, a work-order number in
one matter), each twice: search_matters and icontains over title, description and reply. A search
is what one page of the matters list does: COUNT(*) for the pager, then the newest 50, as a center
staff account (county-wide; a word that is exactly one index term needs no text check).
Reports p50/p95 per kind of word and the sizes of the index and of the matters table.
"""

from __future__ import annotations

import argparse
import datetime
import os
import random
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlparse, urlunparse

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "xiaoneng.settings")

COMMON = ["服务", "态度", "窗口", "办理", "群众"]
TOPICS = ["服务态度", "办事效率", "乱收费", "吃拿卡要", "推诿扯皮", "不作为", "慢作为", "工作纪律",
          "审批时限", "执法不规范", "窗口排队", "材料重复提交", "电话无人接听", "上班迟到早退"]
WORDS = [
    "群众", "反映", "窗口", "工作人员", "服务", "态度", "恶劣", "办理", "手续", "多次", "往返", "仍未",
    "解决", "要求", "部门", "尽快", "核实", "处理", "企业", "项目", "审批", "材料", "时间", "超过",
    "承诺", "时限", "电话", "无人", "接听", "相互", "推诿", "收取", "费用", "没有", "票据", "上班",
    "期间", "玩手机", "离岗", "排队", "等候", "小时", "答复", "说明", "理由", "政策", "规定", "落实",
    "不到位", "希望", "领导", "重视", "督促", "整改", "到位", "相关", "负责人", "联系", "情况", "属实",
]
SURNAMES = list("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许")
PLACES = [f"{a}{b}{suffix}" for a in SURNAMES for b in "庄桥湾塘圩" for suffix in ("村", "社区")]


def village(rng: random.Random) -> str:
    return rng.choice(PLACES)


def sentence(rng: random.Random, words: list[str], weights: list[float]) -> str:
    picked = rng.choices(words, weights, k=rng.randint(10, 24))
    parts, out = [], []
    for i, word in enumerate(picked, 1):
        parts.append(word)
        if i % rng.randint(3, 6) == 0:
            out.append("".join(parts))
            parts = []
    out.append("".join(parts))
    return "，".join(p for p in out if p) + "。"


def make_matters(n: int, start: int, kind, seed: int, batch: int) -> None:
    from xiaoneng.matters.models import Matter, State

    rng = random.Random(seed + start)
    weights = [1 / (rank + 1) ** 0.8 for rank in range(len(WORDS))]
    first = datetime.datetime(2023, 1, 1, tzinfo=datetime.UTC)
    began, rows = time.perf_counter(), []
    for i in range(start, n):
        place = village(rng)
        description = f"{place}{sentence(rng, WORDS, weights)}"
        description += f"12345工单号GD{i:08d}。"
        replied = rng.random() < 0.5
        rows.append(Matter(
            kind=kind, title=f"{place}{rng.choice(TOPICS)}问题", description=description,
            reply=sentence(rng, WORDS, weights) if replied else "",
            state=State.REPLIED if replied else State.RECEIVED,
            received_at=first + datetime.timedelta(seconds=i * 90),
        ))
        if len(rows) == batch or i == n - 1:
            Matter.objects.bulk_create(rows)
            rows = []
            if (i + 1) % (batch * 25) == 0 or i == n - 1:
                print(f"  {i + 1} matters, {time.perf_counter() - began:.0f} s", flush=True)


def timed(function) -> float:
    began = time.perf_counter()
    function()
    return (time.perf_counter() - began) * 1000


def page(queryset) -> None:
    queryset.count()
    list(queryset.values_list("pk", flat=True)[:50])


def figures(label: str, times: list[float]) -> str:
    cut = statistics.quantiles(times, n=20, method="inclusive")
    return f"{label:<28} p50 {statistics.median(times):8.1f} ms   p95 {cut[18]:8.1f} ms"


def bench_user():
    """A center staff account: searches the whole county, as the busiest users do."""
    from django.contrib.auth.models import Group

    from xiaoneng.org.models import User

    user, created = User.objects.get_or_create(username="search-bench")
    if created:
        user.groups.add(Group.objects.get(name="center_staff"))
    return User.objects.get(pk=user.pk)


def ensure_database(url: str) -> None:
    import psycopg

    parts = urlparse(url)
    name = parts.path.lstrip("/")
    admin = urlunparse(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=20251001)
    parser.add_argument("--batch", type=int, default=2000, help="matters per insert and per index batch")
    args = parser.parse_args()
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        sys.exit("Set DATABASE_URL to a PostgreSQL database of its own, e.g. "
                 "postgres://postgres@127.0.0.1:5432/xn_search_bench")
    ensure_database(url)

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.db.models import Q

    from xiaoneng.matters.models import Matter, MatterKind
    from xiaoneng.search.index import reindex, search_matters

    call_command("migrate", verbosity=0)
    kind, _ = MatterKind.objects.get_or_create(code="bench", defaults={"name": "基准", "time_limit": 13})
    if Matter.objects.exclude(kind=kind).exists():
        sys.exit("This database holds real matters; give the bench a database of its own.")
    have = Matter.objects.count()
    last = Matter.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    if have < args.n:
        print(f"generating {args.n - have} matters ({have} already there)", flush=True)
        make_matters(args.n, have, kind, args.seed, args.batch)
        print("indexing the new matters", flush=True)
        began = time.perf_counter()
        for done in reindex(Matter.objects.filter(pk__gt=last), batch=args.batch):
            if done % (args.batch * 25) == 0:
                print(f"  {done} indexed, {time.perf_counter() - began:.0f} s", flush=True)
        print(f"indexed in {time.perf_counter() - began:.0f} s", flush=True)
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")  # what autovacuum does soon after a bulk load
    total = Matter.objects.count()

    rng = random.Random(args.seed)
    common = [COMMON[i % len(COMMON)] for i in range(50)]
    rare = [village(rng) if i % 2 else f"GD{rng.randrange(total):08d}" for i in range(50)]
    everything = Matter.objects.all()
    staff = bench_user()

    def plain(word: str):
        q = Q(title__icontains=word) | Q(description__icontains=word) | Q(reply__icontains=word)
        return everything.filter(q).order_by("-received_at", "-pk")

    results = {}
    for label, words in (("common", common), ("rare", rare)):
        results[f"index, {label} words"] = [timed(lambda w=w: page(search_matters(everything, w, user=staff)))
                                            for w in words]
        results[f"icontains, {label} words"] = [timed(lambda w=w: page(plain(w))) for w in words]
    counts = {w: search_matters(everything, w, user=staff).count() for w in dict.fromkeys(common + rare[:4])}
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_total_relation_size('search_matterterm'), "
                       "pg_total_relation_size('matters_matter'), "
                       "(SELECT reltuples::bigint FROM pg_class WHERE relname = 'search_matterterm')")
        index_bytes, table_bytes, rows = cursor.fetchone()

    print(f"\n{total} matters on PostgreSQL {connection.pg_version // 10000}; "
          f"per search: COUNT(*) + newest 50 (what one page of the list does)")
    print("matches per word: " + ", ".join(f"{w} {c}" for w, c in counts.items()))
    for label, times in results.items():
        print(figures(label, times))
    print(f"index: {rows} term rows, {index_bytes / 2**20:.0f} MiB "
          f"(matters table with its indexes: {table_bytes / 2**20:.0f} MiB)")


if __name__ == "__main__":
    main()
