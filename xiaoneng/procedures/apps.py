from django.apps import AppConfig


class ProceduresConfig(AppConfig):
    name = "xiaoneng.procedures"
    label = "procedures"
