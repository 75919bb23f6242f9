from django.urls import path

from xiaoneng.evaluations import views

app_name = "evaluations"

urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.create, name="create"),
    path("<str:public_id>/", views.detail, name="detail"),
    path("<str:public_id>/links/", views.issue_links, name="issue_links"),
    path("<str:public_id>/<slug:action>/", views.act, name="act"),
    path("consequences/<int:pk>/<slug:decision>/", views.decide, name="decide"),
]
