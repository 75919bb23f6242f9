from django.apps import AppConfig


class BackupsConfig(AppConfig):
    name = "xiaoneng.backups"
    label = "backups"
