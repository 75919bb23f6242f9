from django.contrib import admin

from xiaoneng.accountability.models import Regulation, RegulationItem


class ItemInline(admin.TabularInline):
    model = RegulationItem
    extra = 0


@admin.register(Regulation)
class RegulationAdmin(admin.ModelAdmin):
    list_display = ["title", "issuer", "doc_no", "issued_on", "is_active"]
    list_filter = ["is_active"]
    inlines = [ItemInline]
