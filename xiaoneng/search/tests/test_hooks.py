"""The hook the matter actions call when a matter's text changes."""

from unittest import mock

from xiaoneng.matters import actions
from xiaoneng.search import hooks
from xiaoneng.search.tests.base import SearchTestCase, at


class HookTests(SearchTestCase):
    def test_the_indexer_is_registered_once(self):
        from xiaoneng.search.index import index_matter

        hooks.on_matter_text_changed(index_matter)
        self.assertEqual(list(hooks._listeners.values()).count(index_matter), 1)

    def test_receiving_and_replying_call_it(self):
        seen = []
        with mock.patch.dict(hooks._listeners, {"test": lambda m: seen.append(m.title)}, clear=True):
            matter = self.text_matter("路灯不亮")
            with at(2025, 9, 30):
                actions.do_reply_matter(matter, actor=self.liaison_a, reply="已修复")
        self.assertEqual(seen, ["路灯不亮", "路灯不亮"])

    def test_a_failed_action_leaves_no_index_rows(self):
        from django.db import transaction

        from xiaoneng.search.models import MatterTerm

        with self.assertRaises(RuntimeError), transaction.atomic():
            actions.do_receive_matter(kind=self.complaint, title="窗口态度", actor=self.staff)
            raise RuntimeError
        self.assertFalse(MatterTerm.objects.exists())
