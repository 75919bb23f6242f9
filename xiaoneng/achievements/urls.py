from django.urls import path

from xiaoneng.achievements import views

app_name = "achievements"

urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.declaration_new, name="new"),
    path("package/<int:year>/<int:quarter>/", views.package_download, name="package"),
    path("display/new/", views.display_new, name="display_new"),
    path("comments/", views.comments, name="comments"),
    path("comments/<int:pk>/moderate/", views.moderate, name="moderate"),
    path("<str:public_id>/", views.detail, name="detail"),
    path("<str:public_id>/files/<int:pk>/", views.evidence, name="evidence"),
    path("<str:public_id>/<slug:action>/", views.act, name="act"),
]
