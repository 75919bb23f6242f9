from django.urls import path

from xiaoneng.reports import views

app_name = "reports"

urlpatterns = [
    path("", views.index, name="index"),
    path("report.pdf", views.report_pdf, name="pdf"),
    path("<str:key>.<str:fmt>", views.export, name="export"),
]
