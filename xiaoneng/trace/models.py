"""办理痕迹: append-only, hash-chained events recorded against any subject."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from xiaoneng.trace.hashing import ALGORITHMS, canonical_datetime, hash_payload


class AppendOnlyError(Exception):
    """Trace events and audit entries are never changed or deleted once written."""


class AppendOnlyQuerySet(models.QuerySet):
    """Refuses the bulk paths that would bypass the model's own refusal."""

    def update(self, **kwargs):
        raise AppendOnlyError(f"{self.model.__name__} rows are append-only: update() refused")

    def delete(self):
        raise AppendOnlyError(f"{self.model.__name__} rows are append-only: delete() refused")

    def bulk_update(self, objs, fields, batch_size=None):
        raise AppendOnlyError(f"{self.model.__name__} rows are append-only: bulk_update() refused")

    def bulk_create(self, objs, *args, **kwargs):
        raise AppendOnlyError(f"{self.model.__name__} rows are written one by one through their API")

    def update_or_create(self, *args, **kwargs):
        raise AppendOnlyError(f"{self.model.__name__} rows are append-only: update_or_create() refused")


class AppendOnlyModel(models.Model):
    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs) -> None:
        if not self._state.adding:
            raise AppendOnlyError(f"{type(self).__name__} rows are append-only: save() of a stored row")
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError(f"{type(self).__name__} rows are append-only: delete() refused")


class Event(AppendOnlyModel):
    """办理痕迹: one recorded step of a subject's history, chained to the step before."""

    content_type = models.ForeignKey(ContentType, models.PROTECT, related_name="+")
    object_id = models.PositiveBigIntegerField()
    subject = GenericForeignKey("content_type", "object_id")
    seq = models.PositiveIntegerField(_("sequence"))
    kind = models.CharField(_("kind"), max_length=64)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("actor"),
    )
    at = models.DateTimeField(_("time"))
    data = models.JSONField(_("data"), default=dict, blank=True)
    prev_hash = models.CharField(max_length=64, blank=True)
    hash = models.CharField(max_length=64, db_index=True)
    algorithm = models.CharField(max_length=8, choices=[(a, a) for a in ALGORITHMS])

    class Meta:
        verbose_name = _("trace event")
        verbose_name_plural = _("trace events")
        ordering = ["content_type", "object_id", "seq"]
        constraints = [
            # Two concurrent appends to one subject cannot both take the same seq: no forks.
            models.UniqueConstraint(
                fields=["content_type", "object_id", "seq"], name="trace_event_one_seq_per_subject"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.subject_key} #{self.seq} {self.kind}"

    @property
    def subject_key(self) -> str:
        return subject_key_of(self.content_type_id, self.object_id)

    def hash_payload(self, attachments: list[EventAttachment] | None = None) -> dict:
        """Everything an event asserts, in the form that is hashed."""
        if attachments is None:
            attachments = list(self.attachments.all())
        return {
            "subject": subject_key_of(self.content_type_id, self.object_id),
            "seq": self.seq,
            "kind": self.kind,
            "actor": self.actor_id,
            "at": canonical_datetime(self.at),
            "data": self.data,
            "attachments": [a.hash_payload() for a in sorted(attachments, key=lambda a: a.position)],
            "prev_hash": self.prev_hash,
            "algorithm": self.algorithm,
        }

    def compute_hash(self, attachments: list[EventAttachment] | None = None) -> str:
        return hash_payload(self.hash_payload(attachments), self.algorithm)


def trace_upload_to(instance: EventAttachment, filename: str) -> str:
    event = instance.event
    label = ContentType.objects.get_for_id(event.content_type_id)
    stem = f"trace/{label.app_label}.{label.model}/{event.object_id}/{event.seq}-{instance.position}-"
    return stem + filename[-(200 - len(stem)):]


class EventAttachment(AppendOnlyModel):
    """Evidence (笔录, photo, signed decision) attached to an event; its digest is in the event's hash."""

    event = models.ForeignKey(Event, models.PROTECT, related_name="attachments")
    position = models.PositiveSmallIntegerField()
    file = models.FileField(upload_to=trace_upload_to, max_length=255)
    name = models.CharField(_("file name"), max_length=255)
    size = models.PositiveBigIntegerField(pgettext_lazy("file", "size"))
    digest = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("trace attachment")
        verbose_name_plural = _("trace attachments")
        ordering = ["event", "position"]
        constraints = [
            models.UniqueConstraint(fields=["event", "position"], name="trace_attachment_position"),
        ]

    def __str__(self) -> str:
        return self.name

    def hash_payload(self) -> dict:
        return {"position": self.position, "name": self.name, "size": self.size, "digest": self.digest}


def subject_key_of(content_type_id: int, object_id: int) -> str:
    """A stable name for a subject, independent of content type ids: "org.unit:42"."""
    ct = ContentType.objects.get_for_id(content_type_id)
    return f"{ct.app_label}.{ct.model}:{object_id}"
