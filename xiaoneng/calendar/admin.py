"""Admin screens for the calendar years loaded or edited in the database, days as inlines.

Only holders of calendar.manage_calendar see them (the admin site itself also needs is_staff).
Every save or delete goes through the action that marks the calendar changed.
"""

from django.contrib import admin

from xiaoneng.calendar.actions import can_manage, do_note_years_edited
from xiaoneng.calendar.models import CalendarDay, CalendarYear


class ManageCalendarOnly:
    def has_module_permission(self, request) -> bool:
        return can_manage(request.user)

    def has_view_permission(self, request, obj=None) -> bool:
        return can_manage(request.user)

    def has_add_permission(self, request, obj=None) -> bool:
        return can_manage(request.user)

    def has_change_permission(self, request, obj=None) -> bool:
        return can_manage(request.user)

    def has_delete_permission(self, request, obj=None) -> bool:
        return can_manage(request.user)


class CalendarDayInline(ManageCalendarOnly, admin.TabularInline):
    model = CalendarDay
    fields = ["date", "is_workday", "name"]
    extra = 1


@admin.register(CalendarYear)
class CalendarYearAdmin(ManageCalendarOnly, admin.ModelAdmin):
    list_display = ["year", "notice", "updated_at"]
    search_fields = ["notice"]
    fields = ["year", "notice", "other_notices"]
    inlines = [CalendarDayInline]

    def save_related(self, request, form, formsets, change) -> None:
        super().save_related(request, form, formsets, change)
        # A year renumbered in the form changes both the old and the new year.
        years = {form.instance.year, form.initial.get("year") or form.instance.year}
        do_note_years_edited(years, request.user)

    def delete_model(self, request, obj) -> None:
        year = obj.year
        super().delete_model(request, obj)
        do_note_years_edited({year}, request.user)

    def delete_queryset(self, request, queryset) -> None:
        years = set(queryset.values_list("year", flat=True))
        super().delete_queryset(request, queryset)
        do_note_years_edited(years, request.user)
