from django.urls import path

from xiaoneng.achievements import public_views

app_name = "public_achievements"

urlpatterns = [
    path("", public_views.achievement_list, name="list"),
    path("feed.rss", public_views.feed_rss, name="rss"),
    path("feed.json", public_views.feed_json, name="json"),
    path("<str:public_id>/", public_views.achievement_detail, name="detail"),
]
