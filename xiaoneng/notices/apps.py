from django.apps import AppConfig


class NoticesConfig(AppConfig):
    name = "xiaoneng.notices"
    label = "notices"
