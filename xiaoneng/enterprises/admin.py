from django.contrib import admin

from xiaoneng.enterprises.models import Indicator, ProblemType, WarningRule


@admin.register(ProblemType)
class ProblemTypeAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "order", "is_active"]


@admin.register(WarningRule)
class WarningRuleAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "kind", "days", "count", "is_active"]


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "measure", "direction", "threshold"]
