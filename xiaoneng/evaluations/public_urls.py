from django.urls import path

from xiaoneng.evaluations import public_views

app_name = "public_evaluations"

urlpatterns = [
    path("", public_views.index, name="index"),
    path("feed.rss", public_views.feed_rss, name="feed_rss"),
    path("feed.json", public_views.feed_json, name="feed_json"),
    path("ballot/<str:secret>/", public_views.ballot, name="ballot"),
    path("<str:public_id>/", public_views.detail, name="detail"),
]
