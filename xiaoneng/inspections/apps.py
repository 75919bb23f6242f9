from django.apps import AppConfig


class InspectionsConfig(AppConfig):
    name = "xiaoneng.inspections"
    label = "inspections"
