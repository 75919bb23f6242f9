"""Cutting text into index terms."""

from django.test import SimpleTestCase

from xiaoneng.search.text import index_terms, query_terms, tokens


class TokenTests(SimpleTestCase):
    def test_punctuation_and_spaces_split(self):
        self.assertEqual(tokens("服务态度恶劣，态 度"), ["服务态度恶劣", "态", "度"])

    def test_ascii_words_are_their_own_tokens(self):
        self.assertEqual(tokens("工单号TS2024001已办结"), ["工单号", "ts2024001", "已办结"])

    def test_full_width_is_normalised(self):
        self.assertEqual(tokens("ＴＳ２０２４"), ["ts2024"])

    def test_nothing_but_punctuation(self):
        self.assertEqual(tokens("，。！ ？"), [])


class TermTests(SimpleTestCase):
    def test_bigrams_of_a_chinese_run(self):
        self.assertEqual(index_terms("服务态度"), {"服务", "务态", "态度"})

    def test_no_bigram_across_punctuation(self):
        self.assertNotIn("态度", index_terms("服务态，度好"))

    def test_single_characters_are_not_indexed(self):
        self.assertEqual(index_terms("态，度"), set())

    def test_terms_are_distinct(self):
        self.assertEqual(index_terms("态度态度"), {"态度", "度态"})

    def test_long_ascii_words_are_cut(self):
        self.assertEqual(index_terms("a" * 40), {"a" * 32})

    def test_query_terms_keep_order_without_repeats(self):
        self.assertEqual(query_terms(["态度", "态度", "ab"]), ["态度", "ab"])
