from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from xiaoneng.org.access import visible_units
from xiaoneng.org.models import Unit
from xiaoneng.scoring.models import POINTS_DIGITS, POINTS_PLACES, ProposalState, ScoreRule

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


class ProposeForm(forms.Form):
    """A manual proposal by center staff, e.g. a competition bonus with no record in the system."""

    unit = forms.ModelChoiceField(label=_("Unit"), queryset=Unit.objects.none())
    rule = forms.ModelChoiceField(label=_("Rule"), queryset=ScoreRule.objects.filter(is_active=True))
    points = forms.DecimalField(
        label=_("Points"), required=False, max_digits=POINTS_DIGITS, decimal_places=POINTS_PLACES,
        help_text=_("Leave empty for the rule's default points. Deductions are negative."),
    )
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.current()
        self.fields["year"].initial = timezone.localdate().year
