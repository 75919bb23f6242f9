from django.urls import path

from xiaoneng.notices import public_views

app_name = "public_notices"

# Mounted at /public/notices/. The root URLconf includes the complaints portal at /public/ first,
# and its "notices/<str:public_id>/" answers every one-segment path under /public/notices/; so the
# list and the notices live two segments deep ("issued/…") and the feeds without a trailing slash.
urlpatterns = [
    path("issued/all/", public_views.notice_list, name="list"),
    path("issued/<int:pk>/", public_views.notice_detail, name="detail"),
    path("issued/<int:pk>.docx", public_views.notice_docx_download, name="docx"),
    path("feed.rss", public_views.feed_rss, name="feed_rss"),
    path("feed.json", public_views.feed_json, name="feed_json"),
]
