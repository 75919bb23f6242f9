from django.apps import AppConfig


class SnailConfig(AppConfig):
    name = "xiaoneng.snail"
    label = "snail"
