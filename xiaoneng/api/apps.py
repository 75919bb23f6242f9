from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "xiaoneng.api"
    label = "api"
