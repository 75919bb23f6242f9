"""Training the dispatch model: measure on a time split, fit on all history, save, record."""

from __future__ import annotations

import logging
import time

from django.db import transaction

from xiaoneng.audit.log import record
from xiaoneng.dispatch import store
from xiaoneng.dispatch.models import TrainingRun
from xiaoneng.dispatch.service import evaluate, model_meta
from xiaoneng.dispatch.textmodel import DEFAULT_ALGORITHM, NotEnoughHistory, fit
from xiaoneng.matters.transitions import NotPermitted

log = logging.getLogger(__name__)


def do_train(*, actor=None, algorithm: str = DEFAULT_ALGORITHM, measure: bool = True) -> TrainingRun:
    """Retrain on the county's whole history and replace the model file. `actor` None is the
    schedule or the console; a person needs dispatch.add_trainingrun. Raises NotEnoughHistory
    when there is too little to learn from (the old model, if any, stays)."""
    if actor is not None and not actor.has_perm("dispatch.add_trainingrun"):
        raise NotPermitted("dispatch.add_trainingrun")
    started = time.perf_counter()
    examples = store.history()
    result = None
    if measure:
        try:
            result = evaluate(examples, algorithm)
        except NotEnoughHistory as exc:
            log.info("dispatch: no time-split evaluation (%s)", exc)
    model = fit(examples, algorithm)
    seconds = time.perf_counter() - started
    model.meta = model_meta(result, examples, seconds, algorithm)
    path = store.save(model)
    meta = model.meta
    with transaction.atomic():
        run = TrainingRun.objects.create(
            trained_at=meta["trained_at"], trained_by=actor, algorithm=algorithm,
            examples=meta["examples"], units=meta["units"], cutoff=meta["cutoff"],
            test_examples=meta["test"], unit_top1=meta["unit_top1"], unit_top3=meta["unit_top3"],
            baseline_top1=meta["baseline_top1"], category_top1=meta["category_top1"],
            repeat_precision=meta["repeat_precision"], repeat_recall=meta["repeat_recall"],
            seconds=seconds, path=str(path))
        record("dispatch.train", actor=actor, target=run,
               detail={"examples": run.examples, "unit_top1": run.unit_top1, "unit_top3": run.unit_top3})
    return run
