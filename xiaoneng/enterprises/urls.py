from django.urls import path

from xiaoneng.enterprises import views

app_name = "enterprises"

urlpatterns = [
    path("", views.index, name="index"),
    path("watch/new/", views.watch_new, name="watch_new"),
    path("watch/import/", views.watch_import, name="import"),
    path("watch/<int:pk>/indicator/", views.indicator_new, name="indicator_new"),
    path("problems/", views.problem_list, name="problems"),
    path("problems/new/", views.problem_new, name="problem_new"),
    path("problems/<str:public_id>/", views.problem_detail, name="problem"),
    path("meetings/", views.meeting_list, name="meetings"),
    path("meetings/<str:public_id>/", views.meeting_detail, name="meeting"),
]
