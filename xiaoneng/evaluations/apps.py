from django.apps import AppConfig


class EvaluationsConfig(AppConfig):
    name = "xiaoneng.evaluations"
    label = "evaluations"
