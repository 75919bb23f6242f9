from django.contrib import admin
from django.test import RequestFactory

from xiaoneng.scoring.models import LedgerEntry, ScoreProposal, ScoreRule
from xiaoneng.scoring.tests.base import ScoringTestCase


class RuleAdminTests(ScoringTestCase):
    def test_only_rules_are_in_the_admin(self):
        self.assertTrue(admin.site.is_registered(ScoreRule))
        self.assertFalse(admin.site.is_registered(ScoreProposal))
        self.assertFalse(admin.site.is_registered(LedgerEntry))

    def test_rule_code_is_fixed_once_created(self):
        model_admin = admin.site.get_model_admin(ScoreRule)
        request = RequestFactory().get("/")
        self.assertEqual(model_admin.get_readonly_fields(request, None), [])
        self.assertEqual(model_admin.get_readonly_fields(request, ScoreRule.objects.first()), ["code"])

    def test_rules_are_retired_not_deleted(self):
        request = RequestFactory().get("/")
        request.user = self.admin
        self.assertFalse(admin.site.get_model_admin(ScoreRule).has_delete_permission(request))
