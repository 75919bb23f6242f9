"""The learning part on synthetic text, without the database."""

import datetime
import random

import pytest

from xiaoneng.dispatch import texts
from xiaoneng.dispatch.textmodel import Example, NotEnoughHistory, fit, measure, time_split

T0 = datetime.datetime(2025, 1, 1, tzinfo=datetime.timezone(datetime.timedelta(hours=8)))
UNITS = {"jtj": 5, "rsj": 3, "nsh": 2, "zrzy": 2, "cgj": 1}  # uneven, as real counties are


def examples(n: int = 600, seed: int = 1) -> list[Example]:
    rng = random.Random(seed)
    codes = [code for code, weight in UNITS.items() for _ in range(weight)]
    found = []
    for i in range(n):
        unit, category = rng.choice(codes), rng.choice(list(texts.PROBLEMS))
        found.append(Example(texts.text_for(rng, unit, category), unit, category,
                             T0 + datetime.timedelta(hours=13 * i), i + 1))
    return found


@pytest.fixture(scope="module")
def model():
    return fit(examples())


def test_three_units_and_three_categories_with_confidences(model):
    units, categories = model.suggest("关于金南镇公交班次的问题，等了一个多小时，请尽快处理。")
    assert units[0].label == "jtj"
    assert len(units) == 3 and len(categories) == 3
    assert [g.confidence for g in units] == sorted((g.confidence for g in units), reverse=True)
    assert 0 < sum(g.confidence for g in units) <= 1.0001


def test_category_from_the_conduct_described(model):
    _units, categories = model.suggest("办理社保卡补办，窗口人员玩手机不理人")
    assert categories[0].label == "attitude"


def test_beats_the_most_frequent_unit_on_later_months():
    train, test, _cutoff = time_split(examples())
    result = measure(train, test)
    assert result["unit_top1"] > result["unit_baseline_top1"] + 0.2
    assert result["unit_top3"] > result["unit_baseline_top3"]
    assert result["unit_top3"] >= result["unit_top1"]
    assert result["category_top1"] > result["category_baseline_top1"]


def test_time_split_trains_only_on_earlier_complaints():
    data = examples()
    train, test, cutoff = time_split(data)
    assert max(e.at for e in train) < cutoff <= min(e.at for e in test)
    assert len(train) + len(test) == len(data)
    assert {e.key for e in train}.isdisjoint({e.key for e in test})


def test_time_split_cuts_at_a_month_when_it_can():
    _train, test, cutoff = time_split(examples())
    local = cutoff.astimezone(datetime.timezone(datetime.timedelta(hours=8)))
    assert (local.day, local.hour, local.minute) == (1, 0, 0)
    assert 0.1 <= len(test) / 600 <= 0.4


def test_a_unit_that_appears_only_later_is_unknown_to_the_measured_model():
    data = examples()
    _train, _test, cutoff = time_split(data)
    late = [Example("新设单位的问题，无人处理", "new-unit", "inaction", cutoff + datetime.timedelta(days=i))
            for i in range(1, 6)]
    train, test, _cutoff = time_split(data + late)
    assert "new-unit" not in {e.unit for e in train}
    result = measure(train, test)
    assert result["test"] == len(test)
    assert "new-unit" not in fit(train).unit_clf.classes_


def test_input_order_does_not_matter():
    data = examples(200)
    assert time_split(list(reversed(data)))[2] == time_split(data)[2]


def test_too_little_history_is_refused():
    with pytest.raises(NotEnoughHistory):
        fit(examples(10))
    with pytest.raises(NotEnoughHistory):
        fit([Example("文本", "jtj", "slow", T0)] * 50)


def test_one_category_only_still_suggests_it():
    data = [Example(e.text, e.unit, "slow", e.at) for e in examples(100)]
    _units, categories = fit(data).suggest("公交班次太少")
    assert [g.label for g in categories] == ["slow"]


def test_naive_bayes_alternative_also_beats_the_baseline():
    train, test, _cutoff = time_split(examples())
    result = measure(train, test, "nb")
    assert result["unit_top1"] > result["unit_baseline_top1"]


def test_texts_never_name_the_unit():
    rng = random.Random(2)
    for _ in range(200):
        text = texts.text_for(rng, "jtj", "slow")
        assert "交通运输" not in text and "交通局" not in text


def test_fast_probabilities_equal_scikit_learns(model):
    import numpy as np

    from xiaoneng.dispatch.textmodel import _proba

    x = model.vectors(["关于金南镇公交班次的问题", "窗口人员玩手机不理人", ""])
    assert np.allclose(_proba(model.unit_clf, x), model.unit_clf.predict_proba(x))
    assert np.allclose(_proba(model.category_clf, x), model.category_clf.predict_proba(x))
