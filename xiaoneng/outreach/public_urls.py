from django.urls import path

from xiaoneng.outreach import public_views

app_name = "public_outreach"

urlpatterns = [
    path("", public_views.index, name="index"),
    path("feed.rss", public_views.feed_rss, name="feed_rss"),
    path("feed.json", public_views.feed_json, name="feed_json"),
]
