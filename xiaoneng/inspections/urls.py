from django.urls import path

from xiaoneng.inspections import report_views, views

app_name = "inspections"

urlpatterns = [
    path("", views.campaign_list, name="list"),
    path("new/", views.campaign_new, name="new"),
    path("findings/<str:public_id>/", views.finding_detail, name="finding"),
    path("findings/<str:public_id>/photos/<int:pk>/", views.finding_photo, name="finding_photo"),
    path("findings/<str:public_id>/<slug:action>/", views.finding_act, name="finding_act"),
    path("suggestions/<int:pk>/<slug:action>/", views.suggestion_act, name="suggestion_act"),
    path("<str:public_id>/", views.campaign_detail, name="detail"),
    path("<str:public_id>/findings/new/", views.finding_new, name="finding_new"),
    path("<str:public_id>/checks/<int:target_id>/", views.target_checks, name="checks"),
    path("<str:public_id>/suggestions/new/", views.suggestion_new, name="suggestion_new"),
    path("<str:public_id>/report/", report_views.report_view, name="report"),
    path("<str:public_id>/report/print/", report_views.report_print, name="report_print"),
    path("<str:public_id>/report/xlsx/", report_views.report_xlsx, name="report_xlsx"),
    # Keep last: it takes any "<campaign>/<word>/" (POST actions); more specific paths go above.
    path("<str:public_id>/<slug:action>/", views.campaign_act, name="act"),
]
