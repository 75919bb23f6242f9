from django import forms
from django.utils.translation import gettext_lazy as _

IMPORT_KINDS = [("units", _("units")), ("persons", _("persons")), ("targets", _("targets"))]


class ImportForm(forms.Form):
    kind = forms.ChoiceField(label=_("What the file holds"), choices=IMPORT_KINDS)
    file = forms.FileField(label=_("Spreadsheet (.xlsx)"))
    check_only = forms.BooleanField(label=_("Only check, do not import"), required=False)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".xlsx"):
            raise forms.ValidationError(_("Upload an .xlsx file."))
        return upload
