"""The learning part of dispatch, without the database: features, classifiers, the time split
and the accuracy figures. Everything here works on plain `Example`s, so the benchmark and the
tests can feed it synthetic text.

Features: the text is normalised (NFKC, lower case) and cut into overlapping character 1-, 2-
and 3-grams, hashed into 2**18 columns (no vocabulary to hold in memory, so a million
complaints train in one pass) and weighted by TF-IDF with sublinear term frequency. Chinese
needs no word segmentation for this: the bigrams carry most words (态度, 拖延, 社保).

Classifiers: one linear model per target (the responsible unit, the category), SGD with the
logistic loss, whose `predict_proba` gives a confidence for every class. Multinomial/complement
naive Bayes was measured as the alternative (`xiaoneng dispatch evaluate --compare`).
"""

from __future__ import annotations

import datetime
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

import numpy as np
from scipy.special import expit
from sklearn.feature_extraction.text import HashingVectorizer, TfidfTransformer
from sklearn.linear_model import SGDClassifier
from sklearn.naive_bayes import ComplementNB

SHANGHAI = ZoneInfo("Asia/Shanghai")
N_FEATURES = 2**18
NGRAMS = (1, 3)
TOP = 3
ALGORITHMS = ("sgd", "nb")
DEFAULT_ALGORITHM = "sgd"
# Below this many labelled complaints (or with one unit only) there is nothing to learn.
MIN_EXAMPLES = 20


class NotEnoughHistory(ValueError):
    """Too few assigned complaints (or only one unit) to learn from."""


@dataclass(frozen=True)
class Example:
    """One past complaint: its text, the unit it was assigned to, its category, when received."""

    text: str
    unit: str  # unit code
    category: str
    at: datetime.datetime
    key: int = 0  # the complaint's primary key, for tracing; 0 for synthetic text


def normalise(text: str) -> str:
    return unicodedata.normalize("NFKC", text or "").lower()


def hashing() -> HashingVectorizer:
    return HashingVectorizer(analyzer="char", ngram_range=NGRAMS, n_features=N_FEATURES,
                             alternate_sign=False, norm=None, preprocessor=normalise,
                             dtype=np.float32)


def _classifier(algorithm: str):
    if algorithm == "nb":
        return ComplementNB(alpha=0.3)
    if algorithm == "sgd":
        return SGDClassifier(loss="log_loss", alpha=5e-5, max_iter=6, tol=None, random_state=0, n_jobs=-1)
    raise ValueError(f"unknown algorithm {algorithm!r}")


@dataclass(frozen=True)
class Guess:
    label: str
    confidence: float  # 0..1, the classifier's probability


@dataclass
class TextModel:
    """The fitted pieces: the TF-IDF weights and one classifier per target."""

    tfidf: TfidfTransformer
    unit_clf: object
    category_clf: object
    algorithm: str = DEFAULT_ALGORITHM
    meta: dict = field(default_factory=dict)

    def vectors(self, texts: Sequence[str]):
        """L2-normalised TF-IDF rows (also what repeat detection compares by cosine)."""
        return self.tfidf.transform(hashing().transform(texts))

    def suggest(self, text: str, top: int = TOP) -> tuple[list[Guess], list[Guess]]:
        x = self.vectors([text])
        return _top(self.unit_clf, x, top)[0], _top(self.category_clf, x, top)[0]


def _proba(clf, x):
    """predict_proba, faster for the sparse SGD models: the weights are kept transposed
    (features x classes, CSR) so one text costs a small sparse product, not a transpose of the
    whole matrix per call. Same formula as scikit-learn's one-vs-rest logistic probabilities."""
    weights = getattr(clf, "xn_weights_", None)
    if weights is None:
        return clf.predict_proba(x)
    p = expit((x @ weights).toarray() + clf.intercept_)
    if p.shape[1] == 1:
        return np.hstack([1 - p, p])
    total = p.sum(axis=1, keepdims=True)
    total[total == 0] = 1
    return p / total


def _top(clf, x, top: int) -> list[list[Guess]]:
    proba = _proba(clf, x)
    order = np.argsort(-proba, axis=1)[:, :top]
    return [[Guess(str(clf.classes_[j]), float(row[j])) for j in idx]
            for row, idx in zip(proba, order, strict=True)]


def fit(examples: Sequence[Example], algorithm: str = DEFAULT_ALGORITHM) -> TextModel:
    """Train on `examples` (all of them: callers split first when they measure)."""
    if len(examples) < MIN_EXAMPLES or len({e.unit for e in examples}) < 2:
        units = len({e.unit for e in examples})
        raise NotEnoughHistory(f"{len(examples)} assigned complaints, {units} unit(s)")
    counts = hashing().transform([e.text for e in examples])
    tfidf = TfidfTransformer(sublinear_tf=True).fit(counts)
    x = tfidf.transform(counts)
    unit_clf = _fitted(algorithm, x, [e.unit for e in examples])
    category_clf = _fitted(algorithm, x, [e.category for e in examples])
    return TextModel(tfidf, unit_clf, category_clf, algorithm)


def _fitted(algorithm: str, x, labels: list[str]):
    if len(set(labels)) < 2:
        return _Constant(labels[0])
    clf = _classifier(algorithm).fit(x, labels)
    if hasattr(clf, "sparsify"):
        clf.sparsify()  # n-grams never seen in training weigh nothing: a much smaller file
        clf.xn_weights_ = clf.coef_.T.tocsr()
    return clf


class _Constant:
    """A 'classifier' for a history with one category only."""

    def __init__(self, label: str) -> None:
        self.classes_ = np.array([label])

    def predict_proba(self, x):
        return np.ones((x.shape[0], 1))


# --- measuring -------------------------------------------------------------------------------


def time_split(examples: Sequence[Example], test_share: float = 0.2
               ) -> tuple[list[Example], list[Example], datetime.datetime]:
    """Earlier months for training, later ones for testing: every training example is received
    strictly before `cutoff`, every test example at or after it. The cutoff is the first day of a
    month when that leaves 10–40 % for the test, else the moment at the (1 - test_share) quantile."""
    ordered = sorted(examples, key=lambda e: e.at)
    if len(ordered) < 2:
        raise NotEnoughHistory(f"{len(ordered)} examples")
    pivot = ordered[min(int(len(ordered) * (1 - test_share)), len(ordered) - 1)].at
    local = pivot.astimezone(SHANGHAI) if pivot.tzinfo else pivot
    month = local.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    cutoff = pivot
    share = sum(e.at >= month for e in ordered) / len(ordered)
    if 0.1 <= share <= 0.4:
        cutoff = month
    train = [e for e in ordered if e.at < cutoff]
    test = [e for e in ordered if e.at >= cutoff]
    if not train or not test:
        raise NotEnoughHistory("all examples fall on one side of the split")
    return train, test, cutoff


def _topk(guesses: list[list[Guess]], truth: Sequence[str], k: int) -> float:
    if not truth:
        return 0.0
    return sum(t in [g.label for g in row[:k]] for row, t in zip(guesses, truth, strict=True)) / len(truth)


def _baseline(train: Sequence[str], truth: Sequence[str], k: int) -> float:
    common = [label for label, _n in Counter(train).most_common(k)]
    return sum(t in common for t in truth) / len(truth) if truth else 0.0


def measure(train: Sequence[Example], test: Sequence[Example], algorithm: str = DEFAULT_ALGORITHM,
            model: TextModel | None = None) -> dict:
    """Top-1 and top-3 accuracy on `test` of a model fitted on `train`, against the baseline that
    always suggests the most frequent unit(s) of `train`, plus the mean top-1 confidence (a
    calibration check: it should be close to top-1 accuracy)."""
    model = model or fit(train, algorithm)
    x = model.vectors([e.text for e in test])
    unit_guesses, category_guesses = _top(model.unit_clf, x, TOP), _top(model.category_clf, x, TOP)
    units, categories = [e.unit for e in test], [e.category for e in test]
    return {
        "algorithm": algorithm, "train": len(train), "test": len(test),
        "unit_top1": _topk(unit_guesses, units, 1), "unit_top3": _topk(unit_guesses, units, 3),
        "unit_baseline_top1": _baseline([e.unit for e in train], units, 1),
        "unit_baseline_top3": _baseline([e.unit for e in train], units, 3),
        "unit_confidence": float(np.mean([row[0].confidence for row in unit_guesses])) if test else 0.0,
        "category_top1": _topk(category_guesses, categories, 1),
        "category_top3": _topk(category_guesses, categories, 3),
        "category_baseline_top1": _baseline([e.category for e in train], categories, 1),
    }
