from django.apps import AppConfig


class CommitmentsConfig(AppConfig):
    name = "xiaoneng.commitments"
    label = "commitments"
