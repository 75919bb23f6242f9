from django.urls import path

from xiaoneng.complaints import public_views as views

app_name = "public"

urlpatterns = [
    path("", views.home, name="home"),
    path("complaints/new/", views.complaint_new, name="complaint_new"),
    path("status/", views.status, name="status"),
    path("status/rate/", views.rate, name="rate"),
    path("notices/", views.notice_list, name="notice_list"),
    path("notices/feed/", views.notice_feed, name="notice_feed"),
    path("notices/<str:public_id>/", views.notice_detail, name="notice_detail"),
]
