"""Matters with known texts in the shared test county."""

from __future__ import annotations

from xiaoneng.complaints.models import Category, Complaint, Scope
from xiaoneng.matters import actions
from xiaoneng.matters.models import Matter, State
from xiaoneng.matters.tests.base import MatterTestCase, at


class SearchTestCase(MatterTestCase):
    def text_matter(self, title: str, description: str = "", *, unit=None) -> Matter:
        with at(2025, 9, 29):
            matter = actions.do_receive_matter(kind=self.complaint, title=title, description=description,
                                               actor=self.staff)
            return actions.do_assign_matter(matter, actor=self.staff, unit=unit or self.unit_a)

    def redacted(self, matter: Matter, unit_text: str) -> Complaint:
        """A complaint whose unit reads `unit_text` instead of the original description."""
        from xiaoneng.search.index import index_matter

        complaint = Complaint.objects.create(
            matter=matter, category=Category.ATTITUDE, scope=Scope.APPROVAL,
            tracking_code=f"TS{matter.pk:010d}", secret_hash="x", unit_text=unit_text,
        )
        index_matter(Matter.objects.get(pk=matter.pk))
        return complaint

    def found(self, text: str, user=None, queryset=None) -> list[str]:
        from xiaoneng.search.index import search_matters

        queryset = Matter.objects.all() if queryset is None else queryset
        return list(search_matters(queryset, text, user=user).values_list("title", flat=True))


__all__ = ["SearchTestCase", "State", "at"]
