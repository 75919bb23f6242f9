"""Drafters: how a notice is drafted from each kind of record (registered in NoticesConfig.ready).

Other apps may register their own (e.g. a Snail Award batch) with
`xiaoneng.notices.actions.register_drafter("app.Model", fn)`.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from xiaoneng.notices.models import NoticeKind


def from_accountability(record) -> tuple:
    who = record.person.name if record.person_id else record.unit.name
    title = _("Notice of criticism concerning %(who)s") % {"who": who}
    body = [
        _("%(unit)s %(who)s: %(reason)s")
        % {
            "unit": record.unit.name,
            "who": record.person.name if record.person_id else "",
            "reason": record.reason,
        },
    ]
    if record.clause:
        body.append(_("Under %(clause)s, it is decided to criticise by notice.") % {"clause": record.clause})
    body.append(_("All units are asked to draw lessons from this and to improve their work style."))
    persons = [record.person] if record.person_id else []
    return NoticeKind.CRITICISM, title, "\n".join(body), [record.unit], persons


def from_complaint(complaint) -> tuple:
    unit = complaint.accused_unit or complaint.matter.unit
    title = _("Notice of criticism concerning %(unit)s") % {"unit": unit.name}
    body = [
        _("A complaint about %(unit)s was verified: %(summary)s")
        % {"unit": unit.name, "summary": complaint.public_summary or complaint.matter.title},
        _("All units are asked to draw lessons from this and to improve their work style."),
    ]
    return NoticeKind.CRITICISM, title, "\n".join(body), [unit], []
