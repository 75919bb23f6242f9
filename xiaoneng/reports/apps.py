from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "xiaoneng.reports"
    label = "reports"
