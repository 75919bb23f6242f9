from django.urls import path

from xiaoneng.assessment import views

app_name = "assessment"

urlpatterns = [
    path("", views.index, name="index"),
    path("<int:year>/", views.standings, name="standings"),
    path("<int:year>/export.xlsx", views.standings_export, name="export"),
    path("<int:year>/publish/", views.publish, name="publish"),
    path("<int:year>/units/<int:unit_id>/", views.unit_breakdown, name="unit"),
    path("entries/<int:pk>/appeal/", views.appeal_new, name="appeal_new"),
    path("appeals/", views.appeal_list, name="appeal_list"),
    path("appeals/<int:pk>/", views.appeal_detail, name="appeal_detail"),
    path("appeals/<int:pk>/grant/", views.appeal_grant, name="appeal_grant"),
    path("appeals/<int:pk>/refuse/", views.appeal_refuse, name="appeal_refuse"),
]
