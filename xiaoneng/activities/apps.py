from django.apps import AppConfig


class ActivitiesConfig(AppConfig):
    name = "xiaoneng.activities"
    label = "activities"
