from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from xiaoneng.org.access import visible_units
from xiaoneng.scoring.models import ProposalState, ScoreRule

ALL = "all"


class ProposalFilterForm(forms.Form):
    state = forms.ChoiceField(
        label=_("State"), required=False,
        choices=[*ProposalState.choices, (ALL, _("all states"))],
    )
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=None, required=False,
                                  empty_label=_("all units"))
    rule = forms.ModelChoiceField(label=_("Rule"), queryset=ScoreRule.objects.all(), required=False,
                                  empty_label=_("all rules"))
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100, required=False)

    def __init__(self, data, *, user) -> None:
        # Pending proposals first: the list opens on what waits for a decision.
        data = data.copy()
        data.setdefault("state", ProposalState.PROPOSED)
        super().__init__(data)
        self.fields["unit"].queryset = visible_units(user)

    def apply(self, proposals: QuerySet) -> QuerySet:
        """Narrow `proposals` by every field that is valid; invalid ones are shown as errors."""
        self.is_valid()
        cleaned = self.cleaned_data
        if cleaned.get("state") and cleaned["state"] != ALL:
            proposals = proposals.filter(state=cleaned["state"])
        if cleaned.get("unit"):
            proposals = proposals.for_unit_subtree(cleaned["unit"])
        if cleaned.get("rule"):
            proposals = proposals.filter(rule=cleaned["rule"])
        if cleaned.get("year"):
            proposals = proposals.filter(year=cleaned["year"])
        return proposals


class YearForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
