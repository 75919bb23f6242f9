from django.contrib import admin

from xiaoneng.assessment.models import AssessmentYear, GroupMembership, UnitGroup


class MembershipInline(admin.TabularInline):
    model = GroupMembership
    fields = ["unit"]
    autocomplete_fields = ["unit"]
    extra = 0


@admin.register(AssessmentYear)
class AssessmentYearAdmin(admin.ModelAdmin):
    list_display = [
        "year",
        "title",
        "base_score",
        "max_deduction",
        "max_bonus",
        "appeal_workdays",
        "published_at",
    ]
    readonly_fields = ["published_at"]  # published through the standings page (an action, traced)


@admin.register(UnitGroup)
class UnitGroupAdmin(admin.ModelAdmin):
    list_display = ["name", "assessment_year", "sort_order"]
    list_filter = ["assessment_year"]
    inlines = [MembershipInline]
