"""Every figure of the seed newsletters that a landed mechanism holds is recomputed from records."""

from django.test import TestCase

from xiaoneng.demo import jinhu_2013


class JinhuFiguresTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        jinhu_2013.load()

    def test_every_figure_matches_the_newsletter(self):
        figures = jinhu_2013.all_figures()
        for figure in figures:
            with self.subTest(figure.quote):
                self.assertEqual(figure.actual(), figure.expected)

    def test_parts_declare_their_figures_with_quotes_from_the_seeds(self):
        from pathlib import Path

        seeds = Path(__file__).resolve().parents[3] / "docs" / "seeds"
        for figure in jinhu_2013.all_figures():
            with self.subTest(figure.quote):
                text = (seeds / f"{figure.issue}.txt").read_text(encoding="utf-8")
                self.assertIn(figure.quote, text)
