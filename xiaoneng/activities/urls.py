from django.urls import path

from xiaoneng.activities import views

app_name = "activities"

urlpatterns = [
    path("", views.index, name="index"),
    path("<str:public_id>/", views.detail, name="detail"),
    path("<str:public_id>/participants/", views.participant_new, name="participant_new"),
    path("<str:public_id>/import/", views.participant_import, name="import"),
]
