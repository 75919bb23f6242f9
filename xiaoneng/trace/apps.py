from django.apps import AppConfig


class TraceConfig(AppConfig):
    name = "xiaoneng.trace"
    label = "trace"
