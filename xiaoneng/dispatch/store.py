"""The county's history as training examples, and the fitted model as a file in the data dir.

The file is `<DATA_DIR>/dispatch/model.joblib`: a joblib (pickle) of our own scikit-learn
objects plus their metadata (training date, measured accuracy). Loading a pickle runs code
from the file, so the file is trusted exactly as far as the data dir is: only `xiaoneng
dispatch train` writes it (atomically, mode 0600), and it is never read from anywhere else
or uploaded. Keep the data dir writable by the service account only.
"""

from __future__ import annotations

import os
import tempfile
import threading
from pathlib import Path

import joblib
from django.conf import settings

from xiaoneng.complaints.models import Complaint
from xiaoneng.dispatch.textmodel import Example, TextModel

FORMAT = 1
_cache: dict = {}
_lock = threading.Lock()


def model_path() -> Path:
    return Path(settings.DATA_DIR) / "dispatch" / "model.joblib"


def history(limit: int | None = None) -> list[Example]:
    """Every complaint a unit was made responsible for (its current unit), oldest first."""
    rows = (Complaint.objects.filter(matter__unit__isnull=False)
            .order_by("matter__received_at", "pk")
            .values_list("pk", "matter__description", "matter__unit__code", "category",
                         "matter__received_at"))
    if limit:
        rows = rows[:limit]
    return [Example(text, unit, category, at, pk) for pk, text, unit, category, at in rows.iterator(2000)]


def save(model: TextModel, path: Path | None = None) -> Path:
    path = path or model_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".model-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            joblib.dump({"format": FORMAT, "model": model}, handle, compress=3)
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)  # readers see the old model or the new one, never half a file
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def load(path: Path | None = None) -> TextModel | None:
    """The current model (cached per process until the file changes), or None when untrained."""
    path = path or model_path()
    try:
        stamp = path.stat().st_mtime_ns
    except FileNotFoundError:
        return None
    with _lock:
        cached = _cache.get(path)
        if cached and cached[0] == stamp:
            return cached[1]
        data = joblib.load(path)  # our own file in our own data dir: see the module docstring
        model = data["model"] if isinstance(data, dict) and data.get("format") == FORMAT else None
        _cache[path] = (stamp, model)
        return model
