from django.urls import path  # noqa: F401

app_name = "bulletin"

urlpatterns: list = []
