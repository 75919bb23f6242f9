from django.urls import path

from xiaoneng.snail import public_views

app_name = "public_snail"

urlpatterns = [
    path("", public_views.index, name="index"),
    path("feed.rss", public_views.feed_rss, name="feed_rss"),
    path("feed.json", public_views.feed_json, name="feed_json"),
    path("<str:public_id>/", public_views.batch, name="batch"),
]
