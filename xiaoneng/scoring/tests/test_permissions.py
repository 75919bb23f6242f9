"""Every role against every action: who may propose, who may decide."""

from xiaoneng.org.roles import all_role_permissions
from xiaoneng.scoring.actions import (
    ScoringPermissionDenied,
    do_approve_proposal,
    do_propose_entry,
    do_refuse_proposal,
)
from xiaoneng.scoring.models import LedgerEntry, ScoreProposal
from xiaoneng.scoring.tests.base import InEnglish, ScoringTestCase

PROPOSERS = {"admin", "staff"}
DECIDERS = {"admin", "confirmer"}
EVERYONE = ["admin", "staff", "liaison_a", "liaison_b", "section_liaison", "head_a", "supervisor",
            "leader", "confirmer"]


class ProposePermissionTests(InEnglish, ScoringTestCase):
    def test_each_role(self):
        for name in EVERYONE:
            with self.subTest(name):
                user = getattr(self, name)
                if name in PROPOSERS:
                    proposal = self.propose(proposer=user, unit=self.unit_b)
                    self.assertEqual(proposal.proposer, user)
                    ScoreProposal.objects.filter(pk=proposal.pk).delete()
                else:
                    with self.assertRaisesMessage(ScoringPermissionDenied, "not permitted to propose"):
                        self.propose(proposer=user)

    def test_anonymous_user_cannot_propose(self):
        from django.contrib.auth.models import AnonymousUser

        with self.assertRaises(ScoringPermissionDenied):
            do_propose_entry(unit=self.unit_a, rule_code="competition", source=None, reason="x",
                             proposer=AnonymousUser())


class DecidePermissionTests(InEnglish, ScoringTestCase):
    def test_approve_by_each_role(self):
        for name in EVERYONE:
            with self.subTest(name):
                user, proposal = getattr(self, name), self.propose(proposer=None, source=None)
                if name in DECIDERS:
                    self.assertEqual(do_approve_proposal(proposal, user).approved_by, user)
                else:
                    with self.assertRaisesMessage(ScoringPermissionDenied, "not permitted to decide"):
                        do_approve_proposal(proposal, user)
        self.assertEqual(LedgerEntry.objects.count(), len(DECIDERS))

    def test_refuse_by_each_role(self):
        for name in EVERYONE:
            with self.subTest(name):
                user, proposal = getattr(self, name), self.propose(proposer=None, source=None)
                if name in DECIDERS:
                    do_refuse_proposal(proposal, user, "不实")
                    self.assertEqual(proposal.state, "refused")
                else:
                    with self.assertRaises(ScoringPermissionDenied):
                        do_refuse_proposal(proposal, user, "不实")
                    proposal.refresh_from_db()
                    self.assertEqual(proposal.state, "proposed")

    def test_no_actor_cannot_decide(self):
        with self.assertRaises(ScoringPermissionDenied):
            do_approve_proposal(self.propose(), None)


class RoleDeclarationTests(ScoringTestCase):
    def test_no_role_both_proposes_alone_and_is_unchecked(self):
        # Staff propose, only admins and the confirming authority decide.
        roles = all_role_permissions()
        deciders = {key for key, perms in roles.items() if "scoring.decide_proposal" in perms}
        self.assertEqual(deciders, {"center_admin", "confirmer"})

    def test_unit_roles_may_only_view(self):
        roles = all_role_permissions()
        for key in ("unit_head", "unit_liaison", "unit_staff"):
            scoring = {p for p in roles[key] if p.startswith("scoring.")}
            self.assertTrue(all(p.split(".")[1].startswith("view_") for p in scoring), key)
