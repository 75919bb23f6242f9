from django import forms
from django.utils.translation import gettext_lazy as _

from xiaoneng.notices.models import NoticeKind
from xiaoneng.org.models import Unit


class NoticeForm(forms.Form):
    kind = forms.ChoiceField(label=_("kind"), choices=NoticeKind.choices)
    title = forms.CharField(label=_("title"), max_length=200)
    recipient = forms.CharField(label=_("addressed to"), max_length=200, required=False)
    body = forms.CharField(label=_("text"), widget=forms.Textarea(attrs={"rows": 10}))
    units = forms.ModelMultipleChoiceField(label=_("units"), queryset=Unit.objects.all(), required=False)
