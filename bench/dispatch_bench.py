"""Benchmark: training the dispatch model on N synthetic complaints, and one suggestion.

    .venv/bin/python bench/dispatch_bench.py [--n 1000000] [--units 50] [--seed 13] [--algorithm sgd]

Generates N complaint texts in memory (xiaoneng.dispatch.texts: invented subjects for --units
units, varied openings, places, conduct problems and closings, 15 % without a subject, 10 %
about another unit's subject, 20 % filed under another category), spread over two years.
Then, with the code `xiaoneng dispatch train` runs (textmodel.fit; no database: this measures
the learning, not reading the history):

1. fit on all N (hashing, TF-IDF, one SGD classifier for the unit and one for the category);
2. the time-split evaluation on the same data (fit on the earlier ~80 %, top-1/top-3 on the rest);
3. 1,000 single suggestions (TextModel.suggest on one new text), p50/p95/max in milliseconds;
4. the size of the saved model file (joblib, compressed, as store.save writes it).
"""

from __future__ import annotations

import argparse
import datetime
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "xiaoneng.settings")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=1_000_000)
    parser.add_argument("--units", type=int, default=50)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--algorithm", default="sgd")
    parser.add_argument("--no-split", action="store_true", help="skip the time-split evaluation")
    args = parser.parse_args()

    import django

    django.setup()
    from xiaoneng.dispatch import store, texts
    from xiaoneng.dispatch.textmodel import Example, fit, measure, time_split

    rng = random.Random(args.seed)
    subjects = texts.synthetic_subjects(args.units, rng)
    codes = list(subjects)
    weights = [1 / (i + 1) for i in range(len(codes))]  # a few units get most complaints
    categories = list(texts.PROBLEMS)
    start = datetime.datetime(2024, 1, 1, tzinfo=datetime.timezone(datetime.timedelta(hours=8)))
    step = datetime.timedelta(days=730) / args.n
    started = time.perf_counter()
    units = rng.choices(codes, weights, k=args.n)
    labels = [rng.choice(categories) for _ in range(args.n)]
    examples = [Example(texts.text_for(rng, unit, category, subjects), unit, category, start + step * i)
                for i, (unit, category) in enumerate(zip(units, labels, strict=True))]
    print(f"generated {args.n:,} texts for {args.units} units in {time.perf_counter() - started:.1f} s; "
          f"e.g. {examples[0].text}")

    started = time.perf_counter()
    model = fit(examples, args.algorithm)
    print(f"fit on {args.n:,}: {time.perf_counter() - started:.1f} s")

    with tempfile.TemporaryDirectory() as tmp:
        path = store.save(model, Path(tmp) / "model.joblib")
        print(f"model file: {path.stat().st_size / 1e6:.1f} MB")

    probes = [texts.text_for(rng, rng.choice(codes), rng.choice(categories), subjects) for _ in range(1000)]
    timings = []
    for text in probes:
        t = time.perf_counter()
        model.suggest(text)
        timings.append((time.perf_counter() - t) * 1000)
    timings.sort()
    print(f"suggestion: p50 {statistics.median(timings):.2f} ms, p95 {timings[949]:.2f} ms, "
          f"max {timings[-1]:.2f} ms")

    if not args.no_split:
        train, test, cutoff = time_split(examples)
        started = time.perf_counter()
        r = measure(train, test, args.algorithm)
        print(f"time split at {cutoff:%Y-%m-%d}: train {len(train):,}, test {len(test):,} "
              f"({time.perf_counter() - started:.1f} s): unit top-1 {r['unit_top1']:.1%}, "
              f"top-3 {r['unit_top3']:.1%}, baseline top-1 {r['unit_baseline_top1']:.1%}, "
              f"top-3 {r['unit_baseline_top3']:.1%}; category top-1 {r['category_top1']:.1%}")


if __name__ == "__main__":
    main()
