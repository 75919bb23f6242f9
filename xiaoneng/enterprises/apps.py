from django.apps import AppConfig


class EnterprisesConfig(AppConfig):
    name = "xiaoneng.enterprises"
    label = "enterprises"
