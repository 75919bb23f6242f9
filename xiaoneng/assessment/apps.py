from django.apps import AppConfig


class AssessmentConfig(AppConfig):
    name = "xiaoneng.assessment"
    label = "assessment"
