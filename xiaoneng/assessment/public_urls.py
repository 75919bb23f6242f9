from django.urls import path

from xiaoneng.assessment import public_views

app_name = "public_assessment"

urlpatterns = [
    path("", public_views.index, name="index"),
    path("feed.rss", public_views.feed_rss, name="feed_rss"),
    path("feed.json", public_views.feed_json, name="feed_json"),
    path("<int:year>/", public_views.standings, name="standings"),
]
