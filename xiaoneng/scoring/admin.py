from django.contrib import admin

from xiaoneng.scoring.models import ScoreRule


@admin.register(ScoreRule)
class ScoreRuleAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "kind", "default_points", "cap_per_unit_year", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["code", "name", "description"]

    def get_readonly_fields(self, request, obj=None):
        # Mechanisms propose entries by rule code: once a rule exists its code stays.
        return ["code"] if obj is not None else []

    def has_delete_permission(self, request, obj=None) -> bool:
        # A rule that was ever used stays (PROTECT); retire it by clearing "active" instead.
        return False
