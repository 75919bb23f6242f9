from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.db.models import ProtectedError
from django.utils import timezone

from xiaoneng.scoring.actions import do_approve_proposal
from xiaoneng.scoring.models import AppendOnlyError, LedgerEntry, ScoreProposal, ScoreRule
from xiaoneng.scoring.tests.base import InEnglish, ScoringTestCase


class ConstraintTests(ScoringTestCase):
    def row(self, **fields) -> ScoreProposal:
        defaults = {"rule": ScoreRule.objects.get(code="competition"), "points": 1, "year": 2026,
                    "reason": "x", "proposed_at": timezone.now()}
        return ScoreProposal(**{**defaults, **fields})

    def test_database_refuses_unit_and_person_together(self):
        with self.assertRaises(IntegrityError):
            self.row(unit=self.unit_a, person=self.head_a.person).save()

    def test_database_refuses_neither_unit_nor_person(self):
        with self.assertRaises(IntegrityError):
            self.row().save()

    def test_database_accepts_exactly_one(self):
        self.row(unit=self.unit_a).save()
        self.row(person=self.head_a.person).save()
        self.assertEqual(ScoreProposal.objects.count(), 2)

    def test_database_refuses_a_duplicate_dedupe_key(self):
        self.row(unit=self.unit_a, dedupe_key="1:2:3:u4").save()
        with self.assertRaises(IntegrityError):
            self.row(unit=self.unit_b, dedupe_key="1:2:3:u4").save()

    def test_database_refuses_a_refusal_without_reason(self):
        with self.assertRaises(IntegrityError):
            self.row(unit=self.unit_a, state="refused", decided_at=timezone.now()).save()

    def test_database_refuses_zero_points(self):
        with self.assertRaises(IntegrityError):
            self.row(unit=self.unit_a, points=0).save()

    def test_database_refuses_a_rule_with_the_wrong_sign(self):
        with self.assertRaises(IntegrityError):
            ScoreRule.objects.create(code="x", name="x", kind="deduction", default_points=Decimal("1"))


class RuleTests(InEnglish, ScoringTestCase):
    def test_default_rules_exist(self):
        kinds = dict(ScoreRule.objects.values_list("code", "kind"))
        self.assertEqual(kinds["snail_award"], "deduction")
        self.assertEqual(kinds["ten_practical_things"], "bonus")
        # Nine defaults here; other apps add their own rules in their migrations.
        self.assertLessEqual({"complaint_verified", "commitment_breached", "matter_overdue", "snail_award",
                              "critical_notice", "achievement_selected", "top_ten_measures",
                              "ten_practical_things", "competition"}, set(kinds))

    def test_clean_explains_the_sign(self):
        rule = ScoreRule(code="x", name="x", kind="bonus", default_points=Decimal("-1"))
        with self.assertRaisesMessage(ValidationError, "A bonus must have positive points."):
            rule.full_clean()


class AppendOnlyTests(ScoringTestCase):
    def setUp(self):
        self.entry = do_approve_proposal(self.propose(), self.admin)

    def test_entry_cannot_be_saved_again(self):
        self.entry.points = Decimal("-100")
        with self.assertRaises(AppendOnlyError):
            self.entry.save()

    def test_entry_cannot_be_deleted(self):
        with self.assertRaises(AppendOnlyError):
            self.entry.delete()

    def test_queryset_cannot_update(self):
        with self.assertRaises(AppendOnlyError):
            LedgerEntry.objects.filter(pk=self.entry.pk).update(points=0)

    def test_queryset_cannot_delete(self):
        with self.assertRaises(AppendOnlyError):
            LedgerEntry.objects.all().delete()

    def test_queryset_cannot_bulk_update(self):
        with self.assertRaises(AppendOnlyError):
            LedgerEntry.objects.bulk_update([self.entry], ["points"])

    def test_approved_proposal_cannot_be_deleted(self):
        with self.assertRaises(ProtectedError):
            self.entry.proposal.delete()
        self.assertEqual(LedgerEntry.objects.get().points, Decimal("-1.00"))


class TotalsTests(ScoringTestCase):
    def approve(self, unit, rule_code, points, year=2026, **extra):
        proposal = self.propose(unit=unit, rule_code=rule_code, points=points, year=year, source=None,
                                **extra)
        return do_approve_proposal(proposal, self.admin)

    def test_totals_are_one_query(self):
        self.approve(self.unit_a, "complaint_verified", -1)
        self.approve(self.unit_a, "snail_award", -3)
        self.approve(self.unit_a, "top_ten_measures", 3)
        self.approve(self.unit_b, "competition", "1.5")
        self.approve(self.unit_b, "competition", 1, year=2025)
        self.approve(None, "critical_notice", -2, person=self.head_a.person)
        with self.assertNumQueries(1):
            rows = list(LedgerEntry.objects.totals_by_unit(2026))
        self.assertEqual(
            [(r["unit__code"], r["total"], r["deductions"], r["bonuses"], r["entries"]) for r in rows],
            [("rsj", Decimal("1.5"), Decimal("0"), Decimal("1.5"), 1),
             ("jtj", Decimal("-1"), Decimal("-4"), Decimal("3"), 3)],
        )

    def test_pending_and_refused_proposals_do_not_count(self):
        self.propose(unit=self.unit_a)
        self.assertEqual(list(LedgerEntry.objects.totals_by_unit(2026)), [])
