"""search_matters: what a query finds, on whichever database the suite runs."""

from unittest import mock

from xiaoneng.matters import actions
from xiaoneng.matters.models import Matter
from xiaoneng.search.models import MatterTerm
from xiaoneng.search.tests.base import SearchTestCase, at


class FindTests(SearchTestCase):
    def test_a_word_inside_a_sentence(self):
        self.text_matter("窗口投诉", "办事员服务态度恶劣，推诿扯皮")
        self.text_matter("路灯不亮", "夜间无照明")
        self.assertEqual(self.found("态度"), ["窗口投诉"])

    def test_the_title_is_searched(self):
        self.text_matter("乱收费问题")
        self.assertEqual(self.found("收费"), ["乱收费问题"])

    def test_every_word_must_occur(self):
        self.text_matter("窗口投诉", "服务态度恶劣")
        self.assertEqual(self.found("态度 恶劣"), ["窗口投诉"])
        self.assertEqual(self.found("态度 收费"), [])

    def test_bigrams_in_the_wrong_order_are_not_a_match(self):
        # 态度 and 度恶 are both there, but not 态度恶 as one word: the text check rejects it.
        self.text_matter("甲", "态度好，度恶之")
        self.assertEqual(self.found("态度恶"), [])

    def test_not_found_across_punctuation(self):
        self.text_matter("甲", "他的态，度很差")
        self.assertEqual(self.found("态度"), [])

    def test_one_character_queries(self):
        self.text_matter("甲", "他的态，度很差")
        self.text_matter("乙", "无关")
        self.assertEqual(self.found("态"), ["甲"])

    def test_work_order_numbers_in_any_case_and_width(self):
        self.text_matter("12345转办", "工单号TS2024001，请核实")
        for query in ("TS2024001", "ts2024001", "ＴＳ２０２４００１"):
            self.assertEqual(self.found(query), ["12345转办"], query)

    def test_ascii_words_match_whole(self):
        self.text_matter("甲", "工单号TS2024001")
        self.assertEqual(self.found("TS2024"), [])

    def test_numbers(self):
        self.text_matter("甲", "拨打12345热线三次")
        self.assertEqual(self.found("12345"), ["甲"])

    def test_empty_query_filters_nothing(self):
        self.text_matter("甲")
        self.assertEqual(self.found("  ，"), ["甲"])

    def test_newest_first(self):
        with at(2025, 9, 1):
            actions.do_receive_matter(kind=self.complaint, title="旧的态度问题", actor=self.staff)
        with at(2025, 9, 2):
            actions.do_receive_matter(kind=self.complaint, title="新的态度问题", actor=self.staff)
        self.assertEqual(self.found("态度"), ["新的态度问题", "旧的态度问题"])

    def test_a_reply_is_indexed_when_given(self):
        matter = self.text_matter("甲")
        with at(2025, 9, 30):
            actions.do_reply_matter(matter, actor=self.liaison_a, reply="已约谈窗口负责人")
        self.assertEqual(self.found("约谈"), ["甲"])


class ScopeTests(SearchTestCase):
    def setUp(self):
        self.text_matter("交通局态度问题", unit=self.unit_a)
        self.text_matter("人社局态度问题", unit=self.unit_b)

    def test_a_liaison_finds_only_its_own_units_matters(self):
        visible = Matter.objects.visible_to(self.liaison_b)
        self.assertEqual(self.found("态度", self.liaison_b, visible), ["人社局态度问题"])

    def test_a_section_liaison_finds_nothing_of_the_parent_unit(self):
        visible = Matter.objects.visible_to(self.section_liaison)
        self.assertEqual(self.found("态度", self.section_liaison, visible), [])

    def test_staff_find_all(self):
        visible = Matter.objects.visible_to(self.staff)
        found = sorted(self.found("态度", self.staff, visible))
        self.assertEqual(found, ["交通局态度问题", "人社局态度问题"])


class RedactionTests(SearchTestCase):
    def setUp(self):
        self.matter = self.text_matter("窗口投诉", "举报人张三反映王科长服务态度恶劣")
        self.redacted(self.matter, "反映某科长服务态度恶劣")

    def test_the_unit_cannot_find_what_was_redacted(self):
        visible = Matter.objects.visible_to(self.liaison_a)
        self.assertEqual(self.found("张三", self.liaison_a, visible), [])

    def test_the_unit_finds_the_redacted_text(self):
        visible = Matter.objects.visible_to(self.liaison_a)
        self.assertEqual(self.found("某科长", self.liaison_a, visible), ["窗口投诉"])

    def test_without_a_user_the_redacted_view_is_searched(self):
        self.assertEqual(self.found("张三"), [])

    def test_center_staff_find_the_original(self):
        self.assertEqual(self.found("张三", self.staff), ["窗口投诉"])


class IndexTests(SearchTestCase):
    def test_reindex_is_idempotent(self):
        from xiaoneng.search.index import reindex

        self.text_matter("窗口投诉", "服务态度恶劣")
        self.text_matter("乱收费")
        before = sorted(MatterTerm.objects.values_list("term", "matter_id"))
        list(reindex(batch=1))
        list(reindex(batch=1))
        self.assertEqual(sorted(MatterTerm.objects.values_list("term", "matter_id")), before)

    def test_reindex_restores_a_lost_index(self):
        from xiaoneng.search.index import reindex

        self.text_matter("窗口投诉", "服务态度恶劣")
        MatterTerm.objects.all().delete()
        self.assertEqual(self.found("态度"), [])
        self.assertEqual(list(reindex()), [1])
        self.assertEqual(self.found("态度"), ["窗口投诉"])


class PlanTests(SearchTestCase):
    """Both ways to narrow by the index (rare terms fetched by id, common ones as subqueries)."""

    def setUp(self):
        self.text_matter("窗口投诉", "服务态度恶劣")
        self.text_matter("甲", "态度好，度恶之")
        self.text_matter("路灯不亮")

    def test_rare_terms(self):
        for user in (None, self.staff):
            self.assertEqual(self.found("态度恶劣", user), ["窗口投诉"])
            self.assertEqual(self.found("态度恶", user), ["窗口投诉"])

    def test_common_terms(self):
        with mock.patch("xiaoneng.search.index.RARE", 0):
            for user in (None, self.staff):
                self.assertEqual(self.found("态度恶劣", user), ["窗口投诉"])
                self.assertEqual(self.found("态度恶", user), ["窗口投诉"])
                self.assertEqual(sorted(self.found("态度", user)), ["甲", "窗口投诉"])

    def test_a_term_nobody_has(self):
        self.assertEqual(self.found("态度 高铁", self.staff), [])

    def test_queries_do_not_grow_with_the_matches(self):
        for i in range(5):
            self.text_matter(f"态度问题{i}")
        with self.assertNumQueries(3):  # count the one term, fetch its matters, the page
            list(self.found("态度", self.staff))
