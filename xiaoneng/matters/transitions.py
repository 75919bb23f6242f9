"""The matter state machine as data: which action may start from which state, who may take it.

A plain table rather than a state-machine library: every rule of the machine is in these
two dicts, readable at a glance, testable by iterating over them, and shared by the
action functions (which enforce it) and the views (which offer only what it allows).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from xiaoneng.matters.models import Matter, State
from xiaoneng.org.access import can_see_unit, sees_all_units


class MatterError(Exception):
    """An action on a matter was refused; the message is for the user, in their language."""


class IllegalTransition(MatterError):
    pass


class NotPermitted(MatterError):
    pass


WORKING = frozenset({State.ASSIGNED, State.REOPENED})
# States in which the unit holds the matter and its clock exists.
WITH_UNIT = WORKING | {State.AWAITING_APPROVAL, State.PAUSED}


@dataclass(frozen=True)
class Rule:
    label: object
    permission: str
    from_states: frozenset[str]
    # The state after the action; None: unchanged (or decided by the action, e.g. resume).
    to_state: str | None
    # Unit-scoped actions are taken by the responsible unit's own people, on its subtree only.
    by_unit: bool = False


RULES: dict[str, Rule] = {
    "assign": Rule(_("Assign"), "matters.assign_matter", frozenset({State.RECEIVED, State.RETURNED}),
                   State.ASSIGNED),
    "reject": Rule(_("Reject"), "matters.reject_matter", frozenset({State.RECEIVED, State.RETURNED}),
                   State.REJECTED),
    "sign": Rule(_("Sign for"), "matters.handle_matter", WORKING, None, by_unit=True),
    "return": Rule(_("Return"), "matters.handle_matter", WORKING, State.RETURNED, by_unit=True),
    "reply": Rule(_("Reply"), "matters.handle_matter", WORKING, State.REPLIED, by_unit=True),
    "approve_reply": Rule(_("Approve the reply"), "matters.approve_reply",
                          frozenset({State.AWAITING_APPROVAL}), State.REPLIED, by_unit=True),
    "verify": Rule(_("Verify"), "matters.verify_matter", frozenset({State.REPLIED}), State.VERIFIED),
    "close": Rule(_("Close"), "matters.verify_matter", frozenset({State.REPLIED, State.VERIFIED}),
                  State.CLOSED),
    "reopen": Rule(_("Reopen"), "matters.verify_matter", frozenset({State.VERIFIED, State.CLOSED}),
                   State.REOPENED),
    "pause": Rule(_("Pause"), "matters.pause_matter", WORKING, State.PAUSED),
    "resume": Rule(_("Resume"), "matters.pause_matter", frozenset({State.PAUSED}), None),
    "request_extension": Rule(_("Ask for more time"), "matters.request_extension", WORKING, None,
                              by_unit=True),
    "decide_extension": Rule(_("Decide on the extension"), "matters.decide_extension", WITH_UNIT, None),
    "urge": Rule(_("Urge"), "matters.escalate_matter", WITH_UNIT - {State.PAUSED}, None),
    "order": Rule(_("Issue a supervision order"), "matters.escalate_matter", WITH_UNIT - {State.PAUSED},
                  None),
    "refer": Rule(_("Refer for accountability"), "matters.escalate_matter",
                  WITH_UNIT | {State.REPLIED, State.VERIFIED, State.CLOSED}, None),
}


def _holds(user, rule: Rule) -> bool:
    return user.is_authenticated and user.has_perm(rule.permission)


def _in_scope(user, matter: Matter, rule: Rule) -> bool:
    if rule.by_unit:
        return matter.unit is not None and can_see_unit(user, matter.unit)
    return sees_all_units(user)


def permitted(user, matter: Matter, action: str) -> bool:
    """Whether `user` holds the role permission and the unit scope for `action` on `matter`."""
    rule = RULES[action]
    return _holds(user, rule) and _in_scope(user, matter, rule)


def check(user, matter: Matter, action: str) -> Rule:
    """Refuse `action` unless `user` may take it and `matter` is in a state that allows it."""
    rule = RULES[action]
    refused = NotPermitted(gettext("You may not do this with this matter."))
    if user is not None and not _holds(user, rule):
        raise refused
    if matter.state not in rule.from_states:
        raise IllegalTransition(
            gettext("This matter is “%(state)s”: “%(action)s” is not possible now.")
            % {"state": matter.get_state_display(), "action": rule.label}
        )
    if user is not None and not _in_scope(user, matter, rule):
        raise refused
    return rule


def allowed_actions(user, matter: Matter) -> list[str]:
    """The actions `user` may take on `matter` now, in table order (what the detail page offers)."""
    return [name for name, rule in RULES.items()
            if matter.state in rule.from_states and permitted(user, matter, name)
            and not (name == "sign" and matter.signed_at is not None)]
