from django.apps import AppConfig


class ComplaintsConfig(AppConfig):
    name = "xiaoneng.complaints"
    label = "complaints"

    def ready(self) -> None:
        from xiaoneng.complaints.actions import propose_verified_deduction
        from xiaoneng.matters.actions import register_verify_hook

        # Explicit: verifying a complaint (from any screen or the API) proposes the deduction.
        register_verify_hook("complaint", propose_verified_deduction)
