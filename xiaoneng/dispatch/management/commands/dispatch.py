"""`xiaoneng dispatch train | evaluate | worker`: the dispatch model on the console and on a schedule.

    xiaoneng dispatch train [--algorithm sgd|nb]          # measure, fit on all history, save
    xiaoneng dispatch evaluate [--algorithm sgd|nb] [--compare]   # measure only, nothing saved
    xiaoneng dispatch worker [--interval 86400] [--once]  # retrain every interval (a service)
"""

from __future__ import annotations

import logging
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import close_old_connections

from xiaoneng.dispatch.actions import do_train
from xiaoneng.dispatch.service import evaluate
from xiaoneng.dispatch.textmodel import ALGORITHMS, DEFAULT_ALGORITHM, NotEnoughHistory

log = logging.getLogger(__name__)


def _pct(value) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"


class Command(BaseCommand):
    help = "Train, evaluate or keep retraining the dispatch model (unit and category suggestions)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("action", choices=["train", "evaluate", "worker"])
        parser.add_argument("--algorithm", choices=ALGORITHMS, default=DEFAULT_ALGORITHM)
        parser.add_argument("--compare", action="store_true", help="evaluate: measure every algorithm")
        parser.add_argument("--interval", type=int, default=86400,
                            help="worker: seconds between trainings (default one day)")
        parser.add_argument("--once", action="store_true", help="worker: train once and exit")

    def handle(self, *args, **options) -> None:
        try:
            getattr(self, options["action"])(options)
        except NotEnoughHistory as exc:
            raise CommandError(f"not enough assigned complaints to learn from: {exc}") from None

    def train(self, options) -> None:
        run = do_train(algorithm=options["algorithm"])
        self.stdout.write(
            f"trained on {run.examples} complaint(s), {run.units} unit(s) in {run.seconds:.1f} s: "
            f"unit top-1 {_pct(run.unit_top1)}, top-3 {_pct(run.unit_top3)} "
            f"(baseline {_pct(run.baseline_top1)}) -> {run.path}")

    def evaluate(self, options) -> None:
        algorithms = ALGORITHMS if options["compare"] else (options["algorithm"],)
        for index, algorithm in enumerate(algorithms):
            r = evaluate(algorithm=algorithm, with_repeats=index == 0)
            self.stdout.write(
                f"[{algorithm}] train {r['train']} (to {r['train_last']:%Y-%m-%d}), "
                f"test {r['test']} (from {r['cutoff']:%Y-%m-%d %H:%M}), fitted in {r['fit_seconds']:.2f} s\n"
                f"  unit      top-1 {_pct(r['unit_top1'])}  top-3 {_pct(r['unit_top3'])}  "
                f"most-frequent baseline top-1 {_pct(r['unit_baseline_top1'])}  "
                f"top-3 {_pct(r['unit_baseline_top3'])}  mean top-1 confidence {_pct(r['unit_confidence'])}\n"
                f"  category  top-1 {_pct(r['category_top1'])}  top-3 {_pct(r['category_top3'])}  "
                f"baseline top-1 {_pct(r['category_baseline_top1'])}")
            if "repeats" in r:
                p = r["repeats"]
                self.stdout.write(
                    f"  repeats   {p['complaints']} test complaint(s), {p['merges']} labelled merge(s), "
                    f"{p['flagged']} flagged, {p['found']} merge(s) found: precision {_pct(p['precision'])}, "
                    f"recall {_pct(p['recall'])}")

    def worker(self, options) -> None:
        interval = max(options["interval"], 60)
        while True:
            try:
                self.train(options)
            except NotEnoughHistory as exc:
                self.stdout.write(f"not trained: {exc}")
            except Exception:
                if options["once"]:
                    raise
                log.exception("dispatch training failed")  # try again next round
            if options["once"]:
                return
            time.sleep(interval)
            close_old_connections()
