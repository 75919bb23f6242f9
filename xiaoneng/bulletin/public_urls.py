from django.urls import path

from xiaoneng.bulletin import public_views

app_name = "public_bulletin"

urlpatterns = [
    path("", public_views.archive, name="archive"),
    path("feed.rss", public_views.feed_rss, name="feed_rss"),
    path("feed.json", public_views.feed_json, name="feed_json"),
    path("<int:year>/<int:number>/", public_views.issue, name="issue"),
]
