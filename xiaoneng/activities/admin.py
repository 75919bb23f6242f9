from django.contrib import admin
from django.core.exceptions import ValidationError
from django.forms import ModelForm

from xiaoneng.activities.figures import check_filter
from xiaoneng.activities.models import FigureDefinition


class FigureDefinitionForm(ModelForm):
    class Meta:
        model = FigureDefinition
        fields = [
            "kind",
            "code",
            "name",
            "order",
            "measure",
            "field",
            "subset",
            "denominator",
            "denominator_name",
            "scale",
            "decimals",
            "compare_previous_year",
        ]

    def clean(self):
        data = super().clean()
        for name in ("subset", "denominator"):
            try:
                check_filter(data.get(name) or {})
            except ValidationError as error:
                self.add_error(name, error)
        return data


@admin.register(FigureDefinition)
class FigureDefinitionAdmin(admin.ModelAdmin):
    """Figure definitions are reference data: what is counted, over which denominator."""

    form = FigureDefinitionForm
    list_display = [
        "kind",
        "code",
        "name",
        "measure",
        "denominator_name",
        "decimals",
        "compare_previous_year",
    ]
    list_filter = ["kind"]
