from django.apps import AppConfig


class CalendarConfig(AppConfig):
    name = "xiaoneng.calendar"
    label = "calendar"
