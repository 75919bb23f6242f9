"""The staff screen for importing 12345 work orders: check a file, then import it."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from xiaoneng.complaints.importer import detect_format, import_workorders, may_import
from xiaoneng.complaints.workorder_mapping import Mapping, MappingError, load_mapping

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
MAX_MAPPING_BYTES = 64 * 1024


class WorkOrderUploadForm(forms.Form):
    file = forms.FileField(label=_("Work-order export (.xlsx or .json)"))
    mapping = forms.FileField(label=_("Custom field mapping (.toml, optional)"), required=False)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if detect_format(upload.name) is None:
            raise forms.ValidationError(_("Upload an .xlsx or .json file."))
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is too large (at most 20 MB)."))
        return upload

    def clean_mapping(self) -> Mapping:
        upload = self.cleaned_data.get("mapping")
        if not upload:
            return load_mapping()
        if upload.size > MAX_MAPPING_BYTES:
            raise forms.ValidationError(_("The mapping file is too large."))
        try:
            return load_mapping(content=upload.read())
        except MappingError as problem:
            # The details are for whoever wrote the file, in the mapping's own terms.
            raise forms.ValidationError(
                gettext("The mapping file cannot be used: %(problem)s") % {"problem": problem}) from None


@login_required
def upload(request: HttpRequest) -> HttpResponse:
    """Upload a 12345 export: "Check" is a dry run; "Import" writes all rows, or none if any fails."""
    if not may_import(request.user):
        raise PermissionDenied
    form = WorkOrderUploadForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        result = import_workorders(
            request.user, upload, detect_format(upload.name), commit="commit" in request.POST,
            mapping=form.cleaned_data["mapping"], request=request, filename=upload.name,
        )
        if result.committed:
            messages.success(request, gettext(
                "Imported %(rows)s work orders: %(created)s new, %(unchanged)s unchanged, %(exists)s already "
                "imported with other content.") % result.counts())
    return render(request, "complaints/import/upload.html", {"form": form, "result": result})
