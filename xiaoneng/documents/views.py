"""Issued documents: the register for the center, and downloads for whoever may see the subject."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required, permission_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from xiaoneng.documents.models import KINDS, IssuedDocument

CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


@login_required
@permission_required("documents.view_issueddocument", raise_exception=True)
def document_list(request: HttpRequest) -> HttpResponse:
    documents = IssuedDocument.objects.select_related("issued_by").prefetch_related("subject")
    kind = request.GET.get("kind", "")
    if kind in KINDS:
        documents = documents.filter(kind=kind)
    page = Paginator(documents, 50).get_page(request.GET.get("page"))
    kinds = [(key, label) for key, (label, _prefix) in KINDS.items()]
    return render(request, "documents/list.html", {"page": page, "kinds": kinds, "kind": kind})


@login_required
def document_file(request: HttpRequest, pk: int, extension: str) -> FileResponse:
    """The .docx or PDF of an issued document; 404 to anyone who may not see its subject."""
    if extension not in CONTENT_TYPES:
        raise Http404
    document = IssuedDocument.objects.visible_to(request.user).filter(pk=pk).first()
    if document is None:
        raise Http404
    field = document.docx if extension == "docx" else document.pdf
    return FileResponse(field.open("rb"), as_attachment=True, filename=document.file_name(extension),
                        content_type=CONTENT_TYPES[extension])
