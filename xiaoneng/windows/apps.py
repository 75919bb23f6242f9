from django.apps import AppConfig


class WindowsConfig(AppConfig):
    name = "xiaoneng.windows"
    label = "windows"
