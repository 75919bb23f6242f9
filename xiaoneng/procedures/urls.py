from django.urls import path

from xiaoneng.procedures import views

app_name = "procedures"

urlpatterns = [
    path("", views.case_list, name="list"),
    path("new/", views.case_new, name="new"),
    path("report/", views.report, name="report"),
    path("standards/", views.standard_list, name="standards"),
    path("<str:public_id>/", views.case_detail, name="detail"),
    path("<str:public_id>/complete/", views.case_complete, name="complete"),
    path("<str:public_id>/export/", views.case_export, name="export"),
]
