from django.apps import AppConfig


class AchievementsConfig(AppConfig):
    name = "xiaoneng.achievements"
    label = "achievements"
