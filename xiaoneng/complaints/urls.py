from django.urls import path

from xiaoneng.complaints import views

app_name = "complaints"

urlpatterns = [
    path("<str:public_id>/", views.complaint_detail, name="detail"),
]
