from django.urls import path

from xiaoneng.commitments import public_views

app_name = "public_commitments"

urlpatterns = [
    path("", public_views.commitment_list, name="list"),
    path("feed.rss", public_views.feed_rss, name="rss"),
    path("feed.json", public_views.feed_json, name="json"),
    path("<str:public_id>/", public_views.commitment_detail, name="detail"),
]
