from django.contrib import admin

from xiaoneng.outreach.models import Programme, Tier


class TierInline(admin.StackedInline):
    model = Tier
    extra = 0


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    """Programmes and their tiers are reference data (who visits what, how often, by when);
    pairings and visits are made on their own screens through the actions."""

    list_display = ["code", "name", "year", "starts_on", "ends_on", "is_public"]
    list_filter = ["year", "is_public"]
    inlines = [TierInline]
