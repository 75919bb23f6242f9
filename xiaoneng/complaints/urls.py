from django.urls import path

from xiaoneng.complaints import import_views, views

app_name = "complaints"

urlpatterns = [
    path("", views.complaint_list, name="list"),
    path("new/", views.complaint_new, name="new"),
    path("inbox/", views.inbox, name="inbox"),
    path("import/", import_views.upload, name="import"),
    path("<str:public_id>/", views.complaint_detail, name="detail"),
    path("<str:public_id>/identity/", views.identity_view, name="identity"),
    path("<str:public_id>/files/<int:pk>/", views.attachment, name="attachment"),
    path("<str:public_id>/act/<slug:action>/", views.complaint_act, name="act"),
]
