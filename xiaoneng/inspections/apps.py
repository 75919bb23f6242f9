from django.apps import AppConfig


class InspectionsConfig(AppConfig):
    name = "xiaoneng.inspections"
    label = "inspections"

    def ready(self) -> None:
        from xiaoneng.inspections.actions import finding_matter_verified
        from xiaoneng.matters.actions import register_verify_hook

        # Explicit: verifying a handed-over finding's matter as resolved resolves the finding.
        register_verify_hook("finding", finding_matter_verified)
