"""Words every app uses but translates differently get a context, so each page shows its own.

Django merges the apps' catalogues and the first app's translation of a msgid wins everywhere:
without a context, the bulletin's "Title" would read 职务 (a person's title, from org).
"""

from django.test import SimpleTestCase
from django.utils import translation
from django.utils.translation import pgettext


class ContextTests(SimpleTestCase):
    def test_words_that_differ_by_mechanism_read_right_in_each(self):
        cases = [
            ("bulletin item", "Title", "标题"), ("snail item", "Title", "标题"),
            ("evaluation round", "Title", "标题"), ("case", "Title", "案件名称"),
            ("bulletin", "section", "栏目"), ("ranking", "Place", "名次"), ("figures", "Group", "分组"),
            ("ticket", "issued at", "取号时间"), ("notification", "Open", "查看"),
            ("person", "Name", "姓名"), ("file", "size", "大小"), ("audit", "target", "操作对象"),
            ("rule", "active", "启用"), ("standings", "Counted", "计入"),
        ]
        with translation.override("zh-hans"):
            for context, word, chinese in cases:
                with self.subTest(context=context, word=word):
                    self.assertEqual(pgettext(context, word), chinese)
