from django.urls import path

from xiaoneng.dispatch import views

app_name = "dispatch"

urlpatterns = [
    path("", views.index, name="index"),
]
