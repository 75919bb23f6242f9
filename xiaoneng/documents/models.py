"""公文: issued official documents and their number series (发文字号, per kind and year)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from xiaoneng.conf import env_str

# Kinds of document and the default prefix of their numbers (金效催〔2026〕1号); an office
# changes a prefix on the series row, and a new year's series takes the last year's prefix.
KINDS = {
    "urge": (pgettext_lazy("document kind", "urge notice"), "金效催"),
    "supervision_order": (pgettext_lazy("document kind", "supervision order"), "金效督"),
}


def issuer_name() -> str:
    """发文机关: the issuing authority's full name (XIAONENG_DOCUMENT_ISSUER)."""
    return env_str("XIAONENG_DOCUMENT_ISSUER", "金湖县效能中心")


def kind_label(kind: str) -> str:
    return str(KINDS[kind][0]) if kind in KINDS else kind


class DocumentNumberSeries(models.Model):
    """发文字号 series: one row per kind and year; numbers are taken under a row lock."""

    kind = models.CharField(_("kind"), max_length=32)
    year = models.PositiveSmallIntegerField(_("year"))
    prefix = models.CharField(_("prefix"), max_length=20)
    next_number = models.PositiveIntegerField(_("next number"), default=1)

    class Meta:
        verbose_name = _("document number series")
        verbose_name_plural = _("document number series")
        constraints = [models.UniqueConstraint(fields=["kind", "year"], name="documents_one_series")]

    def __str__(self) -> str:
        return f"{self.prefix}〔{self.year}〕"

    def format(self, number: int) -> str:
        return f"{self.prefix}〔{self.year}〕{number}号"


def _file_path(instance: IssuedDocument, extension: str) -> str:
    return f"documents/{instance.year}/{instance.kind}-{instance.year}-{instance.serial}.{extension}"


def upload_docx(instance: IssuedDocument, filename: str) -> str:
    return _file_path(instance, "docx")


def upload_pdf(instance: IssuedDocument, filename: str) -> str:
    return _file_path(instance, "pdf")


class IssuedDocumentQuerySet(models.QuerySet):
    def visible_to(self, user) -> IssuedDocumentQuerySet:
        """The documents of subjects the user may see (each subject model's own `visible_to`)."""
        if not user.is_authenticated:
            return self.none()
        if user.has_perm("documents.view_issueddocument"):
            return self
        allowed = models.Q(pk__in=[])
        for ct_id in self.values_list("content_type", flat=True).distinct():
            model = ContentType.objects.get_for_id(ct_id).model_class()
            visible = getattr(getattr(model, "objects", None), "visible_to", None)
            if visible is not None:
                ids = visible(user).values("pk")
                allowed |= models.Q(content_type_id=ct_id, object_id__in=ids)
        return self.filter(allowed)


class IssuedDocument(models.Model):
    """A numbered official document as issued: its content, its .docx and its PDF."""

    kind = models.CharField(_("kind"), max_length=32)
    year = models.PositiveSmallIntegerField(_("year"))
    serial = models.PositiveIntegerField(_("serial number"))
    number = models.CharField(_("document number"), max_length=60, unique=True)
    title = models.CharField(pgettext_lazy("document", "title"), max_length=300)
    recipient = models.CharField(_("recipient"), max_length=200, blank=True)
    content = models.JSONField(_("content"), default=dict)  # the OfficialDocument, to render again
    content_type = models.ForeignKey(ContentType, models.PROTECT, related_name="+")
    object_id = models.PositiveBigIntegerField()
    subject = GenericForeignKey("content_type", "object_id")
    docx = models.FileField(_("Word file"), upload_to=upload_docx, max_length=200)
    pdf = models.FileField(_("PDF file"), upload_to=upload_pdf, max_length=200)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("issued by"),
    )
    issued_at = models.DateTimeField(_("issued at"))

    objects = IssuedDocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("issued document")
        verbose_name_plural = _("issued documents")
        ordering = ["-issued_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "year", "serial"], name="documents_unique_serial"),
        ]
        indexes = [models.Index(fields=["content_type", "object_id"], name="documents_subject")]
        permissions = [("issue_document", _("Issue official documents"))]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    @property
    def kind_label(self) -> str:
        return kind_label(self.kind)

    def file_name(self, extension: str) -> str:
        """The download name: the number and title, as an office files it."""
        return f"{self.number}{self.title}.{extension}"
