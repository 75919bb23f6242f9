from django.apps import AppConfig


class Open311Config(AppConfig):
    name = "xiaoneng.open311"
    label = "open311"
