from django.urls import path  # noqa: F401

app_name = "public_bulletin"

urlpatterns: list = []
