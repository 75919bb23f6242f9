"""Training from the county's history, the model file, the commands and suggestions."""

import io
from pathlib import Path

from django.core.management import CommandError, call_command

from xiaoneng.audit.models import AuditEntry
from xiaoneng.dispatch import store
from xiaoneng.dispatch.actions import do_train
from xiaoneng.dispatch.models import TrainingRun
from xiaoneng.dispatch.service import evaluate, suggest
from xiaoneng.dispatch.tests.base import DispatchTestCase
from xiaoneng.matters.actions import do_assign_matter
from xiaoneng.matters.models import State
from xiaoneng.matters.transitions import NotPermitted


class TrainingTests(DispatchTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.trained = do_train()

    def test_model_file_in_the_data_dir_with_date_and_accuracy(self):
        path = store.model_path()
        self.assertTrue(path.is_file())
        self.assertTrue(str(path).startswith(str(self._data_dir)))
        self.assertEqual(path.stat().st_mode & 0o777, 0o600)
        meta = store.load().meta
        self.assertEqual(meta["examples"], 48)
        self.assertIsNotNone(meta["trained_at"])
        self.assertGreater(meta["unit_top1"], meta["baseline_top1"])

    def test_training_is_recorded_and_audited(self):
        self.assertEqual(self.trained.examples, 48)
        self.assertEqual(self.trained.units, 2)
        self.assertEqual(self.trained.unit_top3, 1.0)  # two units: both are among the three
        self.assertTrue(AuditEntry.objects.filter(action="dispatch.train").exists())

    def test_time_split_of_the_history(self):
        result = evaluate(with_repeats=False)
        self.assertLess(result["train_last"], result["cutoff"])
        self.assertGreaterEqual(result["test_first"], result["cutoff"])
        self.assertEqual(result["train"] + result["test"], 48)
        self.assertGreater(result["unit_top1"], result["unit_baseline_top1"])

    def test_suggests_the_unit_that_handled_such_complaints(self):
        complaint = self.new_complaint("公交班次太少，等了一个多小时也没有车，请尽快处理。")
        found = suggest(complaint)
        self.assertEqual(found.units[0].unit, self.unit_a)
        self.assertEqual(len(found.units), 2)
        self.assertGreater(found.units[0].confidence, 0.5)
        self.assertEqual(len(found.categories), 3)
        other = suggest(self.new_complaint("养老保险转移手续拖了一个多月还没办好"))
        self.assertEqual(other.units[0].unit, self.unit_b)

    def test_suggestion_never_overrides_the_staff_decision(self):
        complaint = self.new_complaint("关于金南镇公交班次的问题，反映多次无人处理。")
        self.assertEqual(suggest(complaint).units[0].unit, self.unit_a)
        complaint.matter.refresh_from_db()
        self.assertIsNone(complaint.matter.unit)  # suggesting writes nothing
        self.assertEqual(complaint.matter.state, State.RECEIVED)
        matter = do_assign_matter(complaint.matter, actor=self.staff, unit=self.unit_b)
        self.assertEqual(matter.unit, self.unit_b)  # staff chose otherwise: staff's choice stands
        do_train()
        matter.refresh_from_db()
        self.assertEqual(matter.unit, self.unit_b)  # retraining changes no decision either

    def test_a_person_needs_the_permission_to_train(self):
        with self.assertRaises(NotPermitted):
            do_train(actor=self.staff)
        run = do_train(actor=self.admin)
        self.assertEqual(run.trained_by, self.admin)

    def test_train_command(self):
        out = io.StringIO()
        call_command("dispatch", "train", stdout=out)
        self.assertIn("trained on 48 complaint(s), 2 unit(s)", out.getvalue())
        self.assertEqual(TrainingRun.objects.count(), 2)

    def test_evaluate_command_reports_accuracy_baseline_and_repeats(self):
        out = io.StringIO()
        call_command("dispatch", "evaluate", "--compare", stdout=out)
        text = out.getvalue()
        for needle in ("[sgd]", "[nb]", "top-1", "top-3", "most-frequent baseline", "precision", "recall"):
            self.assertIn(needle, text)
        self.assertEqual(TrainingRun.objects.count(), 1)  # evaluating saves nothing

    def test_worker_once_retrains(self):
        out = io.StringIO()
        call_command("dispatch", "worker", "--once", stdout=out)
        self.assertIn("trained on", out.getvalue())

    def test_a_corrupt_or_foreign_file_is_not_a_model(self):
        path = Path(self._data_dir) / "other.joblib"
        import joblib

        joblib.dump({"something": "else"}, path)
        self.assertIsNone(store.load(path))
        self.assertIsNone(store.load(Path(self._data_dir) / "missing.joblib"))


class NoHistoryTests(DispatchTestCase):
    @classmethod
    def setUpTestData(cls):
        super(DispatchTestCase, cls).setUpTestData()  # the county, but no complaints

    def test_commands_say_there_is_not_enough_history(self):
        for action in ("train", "evaluate"):
            with self.subTest(action=action), self.assertRaisesMessage(CommandError, "not enough"):
                call_command("dispatch", action, stdout=io.StringIO())
        self.assertFalse(store.model_path().exists())

    def test_no_model_no_suggestion(self):
        self.assertIsNone(suggest(self.new_complaint("公交班次太少")))
