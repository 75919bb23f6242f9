from django.urls import path

from xiaoneng.matters import views

app_name = "matters"

urlpatterns = [
    path("", views.matter_list, name="list"),
    path("new/", views.matter_new, name="new"),
    path("<str:public_id>/", views.matter_detail, name="detail"),
    path("<str:public_id>/<slug:action>/", views.matter_act, name="act"),
]
