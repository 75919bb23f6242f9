"""The state machine: every action from every state, legal or refused with a clear error."""

from django.utils import translation

from xiaoneng.matters.models import State
from xiaoneng.matters.tests.base import MatterTestCase, at
from xiaoneng.matters.tests.calls import ALLOWED, CALLS, LEGAL_FROM
from xiaoneng.matters.transitions import RULES, IllegalTransition, allowed_actions


def _actor(test, action):
    return test.head_a if action == "approve_reply" else (
        test.liaison_a if "liaison_a" in ALLOWED[action] else test.staff)


class TransitionTableTests(MatterTestCase):
    def test_every_action_is_callable_and_listed(self):
        self.assertEqual(set(CALLS), set(RULES))

    def test_every_action_succeeds_from_a_legal_state(self):
        for action, state in LEGAL_FROM.items():
            with self.subTest(action=action), at(2025, 9, 29):
                CALLS[action](self, self.matter(state), _actor(self, action))

    def test_every_illegal_transition_is_refused(self):
        with at(2025, 9, 29):
            matters = {state: self.matter(state) for state in State.values}
        for action, rule in RULES.items():
            for state in set(State.values) - set(rule.from_states):
                with self.subTest(action=action, state=state), at(2025, 9, 29), \
                        self.assertRaises(IllegalTransition):
                    CALLS[action](self, matters[state], _actor(self, action))

    def test_refusal_message_is_chinese(self):
        with at(2025, 9, 29):
            m = self.matter(State.CLOSED)
        with translation.override("zh-hans"), self.assertRaises(IllegalTransition) as caught:
            CALLS["reply"](self, m, self.liaison_a)
        self.assertIn("已办结", str(caught.exception))
        self.assertIn("不能", str(caught.exception))

    def test_allowed_actions_for_staff_on_a_received_matter(self):
        with at(2025, 9, 29):
            m = self.matter(State.RECEIVED)
        self.assertEqual(allowed_actions(self.staff, m), ["assign", "reject"])
        self.assertEqual(allowed_actions(self.liaison_a, m), [])

    def test_allowed_actions_for_the_liaison_on_an_assigned_matter(self):
        with at(2025, 9, 29):
            m = self.matter(State.ASSIGNED)
        self.assertEqual(allowed_actions(self.liaison_a, m), ["sign", "return", "reply", "request_extension"])
