from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "xiaoneng.web"
    label = "web"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from xiaoneng.web.second_factor import note_login

        user_logged_in.connect(note_login, dispatch_uid="xiaoneng.web.note_login")
