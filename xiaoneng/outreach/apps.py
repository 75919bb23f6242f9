from django.apps import AppConfig


class OutreachConfig(AppConfig):
    name = "xiaoneng.outreach"
    label = "outreach"
