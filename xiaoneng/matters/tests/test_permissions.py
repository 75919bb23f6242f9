"""Every role on every action: role permission and unit scope (liaisons act on their own subtree only)."""

from xiaoneng.matters.models import State
from xiaoneng.matters.tests.base import MatterTestCase, at
from xiaoneng.matters.tests.calls import ALLOWED, CALLS, LEGAL_FROM, USERS
from xiaoneng.matters.transitions import NotPermitted, permitted


class ActionPermissionTests(MatterTestCase):
    def test_every_role_on_every_action(self):
        for action, state in LEGAL_FROM.items():
            for name in USERS:
                user = getattr(self, name)
                with self.subTest(action=action, user=name), at(2025, 9, 29):
                    m = self.matter(state)
                    if name in ALLOWED[action]:
                        CALLS[action](self, m, user)
                    else:
                        with self.assertRaises(NotPermitted):
                            CALLS[action](self, m, user)

    def test_parent_unit_liaison_may_act_on_a_section_matter(self):
        with at(2025, 9, 29):
            m = self.matter(State.ASSIGNED, unit=self.section_a)
        self.assertTrue(permitted(self.liaison_a, m, "reply"))
        self.assertTrue(permitted(self.section_liaison, m, "reply"))
        self.assertFalse(permitted(self.liaison_b, m, "reply"))

    def test_section_liaison_may_not_act_on_the_parent_units_matter(self):
        with at(2025, 9, 29):
            m = self.matter(State.ASSIGNED)
        with self.assertRaises(NotPermitted):
            CALLS["reply"](self, m, self.section_liaison)

    def test_co_unit_sees_but_may_not_reply(self):
        from xiaoneng.matters.models import Matter

        with at(2025, 9, 29):
            m = self.matter(State.ASSIGNED)
        m.co_units.add(self.unit_b)
        self.assertIn(m, Matter.objects.visible_to(self.liaison_b))
        self.assertFalse(permitted(self.liaison_b, m, "reply"))

    def test_anonymous_may_do_nothing(self):
        from django.contrib.auth.models import AnonymousUser

        with at(2025, 9, 29):
            m = self.matter(State.RECEIVED)
        self.assertFalse(permitted(AnonymousUser(), m, "assign"))
