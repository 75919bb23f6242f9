from django.apps import AppConfig


class BulletinConfig(AppConfig):
    name = "xiaoneng.bulletin"
    label = "bulletin"
