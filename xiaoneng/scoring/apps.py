from django.apps import AppConfig


class ScoringConfig(AppConfig):
    name = "xiaoneng.scoring"
    label = "scoring"
