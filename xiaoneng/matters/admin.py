from django.contrib import admin

from xiaoneng.matters.models import MatterKind


@admin.register(MatterKind)
class MatterKindAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "time_limit", "yellow_days_before", "yellow_share", "urge_after",
                    "supervise_after", "refer_after", "reply_needs_head_approval", "is_active"]
    list_filter = ["is_active", "reply_needs_head_approval"]
    search_fields = ["code", "name"]
