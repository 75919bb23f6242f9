import datetime
from unittest import mock

from django.test import SimpleTestCase

from xiaoneng import news


class NewsContractTests(SimpleTestCase):
    def test_drafts_and_panels_are_gathered_from_every_provider(self):
        class One:
            @staticmethod
            def center_news(start, end):
                return [news.NewsDraft(key="one.x", title="甲", text=f"{start}~{end}")]

        class Two:
            @staticmethod
            def dashboard_panels(start, end, user):
                return [news.Panel(key="two.y", title="乙", headers=["a"], rows=[[1]])]

        with mock.patch.object(news, "providers", return_value=[One, Two]):
            drafts = news.center_news(datetime.date(2013, 1, 1), datetime.date(2013, 3, 31))
            panels = news.dashboard_panels(datetime.date(2013, 1, 1), datetime.date(2013, 3, 31), None)
        self.assertEqual([(d.key, d.text) for d in drafts], [("one.x", "2013-01-01~2013-03-31")])
        self.assertEqual([p.key for p in panels], ["two.y"])

    def test_a_failing_provider_is_skipped_not_fatal(self):
        class Broken:
            @staticmethod
            def center_news(start, end):
                raise ZeroDivisionError

        class Fine:
            @staticmethod
            def center_news(start, end):
                return [news.NewsDraft(key="fine.x", title="丙", text="")]

        with mock.patch.object(news, "providers", return_value=[Broken, Fine]), \
                self.assertLogs("xiaoneng.news", "ERROR"):
            drafts = news.center_news(datetime.date(2013, 1, 1), datetime.date(2013, 3, 31))
        self.assertEqual([d.key for d in drafts], ["fine.x"])

    def test_providers_are_the_apps_news_modules(self):
        names = {module.__name__ for module in news.providers()}
        self.assertTrue(all(name.startswith("xiaoneng.") and name.endswith(".news") for name in names))
