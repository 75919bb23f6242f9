import datetime
import json
import xml.etree.ElementTree as ET

from django.test import RequestFactory, SimpleTestCase

from xiaoneng.web.feeds import JSON_FEED_VERSION, FeedItem, json_feed_response, rss_response

TZ = datetime.timezone(datetime.timedelta(hours=8))
ITEMS = [
    FeedItem(id="a-1", url="/public/x/1/", title="第一批“蜗牛奖”", text="12个部门上榜",
             published=datetime.datetime(2013, 5, 13, 9, 0, tzinfo=TZ), tags=("蜗牛奖",)),
    FeedItem(id="a-2", url="https://portal.example.gov.cn/y", title="公示", text="正文",
             published=datetime.datetime(2013, 3, 25, 9, 0, tzinfo=TZ),
             updated=datetime.datetime(2013, 3, 26, 9, 0, tzinfo=TZ)),
]


class FeedTests(SimpleTestCase):
    def setUp(self):
        self.request = RequestFactory().get("/public/x/feed.json", HTTP_HOST="testserver")

    def test_json_feed_has_absolute_urls_and_chinese_text(self):
        response = json_feed_response(self.request, title="标题", link="/public/x/", description="说明",
                                      items=ITEMS)
        self.assertEqual(response["Content-Type"], "application/feed+json; charset=utf-8")
        self.assertIn("蜗牛奖".encode(), response.content)  # not \\u-escaped
        body = json.loads(response.content)
        self.assertEqual(body["version"], JSON_FEED_VERSION)
        self.assertEqual(body["home_page_url"], "http://testserver/public/x/")
        self.assertEqual([i["id"] for i in body["items"]], ["a-1", "a-2"])
        self.assertEqual(body["items"][0]["url"], "http://testserver/public/x/1/")
        self.assertEqual(body["items"][1]["url"], "https://portal.example.gov.cn/y")
        self.assertEqual(body["items"][0]["date_published"], "2013-05-13T09:00:00+08:00")
        self.assertEqual(body["items"][1]["date_modified"], "2013-03-26T09:00:00+08:00")
        self.assertEqual(body["items"][0]["tags"], ["蜗牛奖"])

    def test_rss_lists_every_item(self):
        response = rss_response(self.request, title="标题", link="/public/x/", description="说明",
                                items=ITEMS)
        self.assertEqual(response["Content-Type"], "application/rss+xml; charset=utf-8")
        channel = ET.fromstring(response.content).find("channel")
        self.assertEqual(channel.findtext("title"), "标题")
        items = channel.findall("item")
        self.assertEqual([i.findtext("guid") for i in items], ["a-1", "a-2"])
        self.assertEqual(items[0].findtext("link"), "http://testserver/public/x/1/")
        self.assertEqual(items[0].findtext("category"), "蜗牛奖")
