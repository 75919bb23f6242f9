from django.apps import AppConfig


class MattersConfig(AppConfig):
    name = "xiaoneng.matters"
    label = "matters"
