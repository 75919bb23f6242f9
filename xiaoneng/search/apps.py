from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "xiaoneng.search"
    label = "search"
