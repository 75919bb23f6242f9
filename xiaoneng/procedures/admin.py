"""Reference data of the procedures: templates with their steps, and the discretion standards.
Cases and completed steps change only through the actions, never here."""

from django.contrib import admin

from xiaoneng.procedures.models import DiscretionStandard, ProcedureTemplate, StepTemplate


class StepInline(admin.TabularInline):
    model = StepTemplate
    extra = 0


@admin.register(ProcedureTemplate)
class ProcedureTemplateAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "is_active"]
    inlines = [StepInline]


@admin.register(DiscretionStandard)
class DiscretionStandardAdmin(admin.ModelAdmin):
    list_display = ["unit", "violation_code", "violation_name", "circumstance", "min_amount", "max_amount",
                    "strict"]
    list_filter = ["circumstance", "strict"]
    search_fields = ["violation_code", "violation_name", "unit__name"]
