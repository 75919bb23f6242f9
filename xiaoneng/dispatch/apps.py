from django.apps import AppConfig


class DispatchConfig(AppConfig):
    name = "xiaoneng.dispatch"
    label = "dispatch"
