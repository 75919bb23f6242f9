"""中心动态 drafts: people held accountable in the period, by form (figures.held_between)."""

from __future__ import annotations

import datetime

from xiaoneng.accountability.figures import held_between
from xiaoneng.accountability.models import AccountabilityForm
from xiaoneng.news import Citation, NewsDraft


def center_news(start: datetime.date, end: datetime.date) -> list[NewsDraft]:
    records = list(held_between(start, end).select_related("person", "unit").order_by("pk"))
    if not records:
        return []
    people = {r.person_id for r in records if r.person_id}
    labels = dict(AccountabilityForm.choices)
    by_form: dict[str, int] = {}
    for r in records:
        by_form[r.effective_form] = by_form.get(r.effective_form, 0) + 1
    parts = "，".join(
        f"{labels[form]}{n}人次" for form, n in sorted(by_form.items(), key=lambda x: (-x[1], x[0]))
    )
    text = f"严格效能问责，共问责干部{len(people)}人，其中{parts}。"
    return [
        NewsDraft(
            key="accountability.held",
            title="严格效能问责",
            text=text,
            figures={"people": len(people), "records": len(records)},
            citations=[Citation(str(r), r.get_absolute_url()) for r in records],
        )
    ]
