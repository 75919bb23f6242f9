from django.contrib import admin

from xiaoneng.bulletin.models import Section


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    """Sections are configuration (names and order of every issue); issues have their own screens."""

    list_display = ["order", "name", "kind", "code", "is_active"]
    list_display_links = ["name"]
    list_editable = ["order", "is_active"]
    list_filter = ["kind", "is_active"]
