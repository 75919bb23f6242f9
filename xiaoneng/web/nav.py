"""Navigation links that apps register, so no app edits another's templates.

Each app calls `staff_link(...)` or `public_link(...)` from its AppConfig.ready(); the
`navigation` context processor hands the links to `web/base.html` (staff top bar) and
`web/public/base.html` (public portal), in `order` then registration order.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse


@dataclass(frozen=True)
class Link:
    url_name: str
    label: str  # a lazy translation
    perms: tuple[str, ...] = ()  # all needed; none: every logged-in user (staff) / everyone (public)
    order: int = 100

    def url(self) -> str | None:
        try:
            return reverse(self.url_name)
        except NoReverseMatch:  # a link must never break every page
            return None


_STAFF: list[Link] = []
_PUBLIC: list[Link] = []


def _add(registry: list[Link], link: Link) -> None:
    if all(existing.url_name != link.url_name for existing in registry):
        registry.append(link)
        registry.sort(key=lambda item: item.order)


def staff_link(url_name: str, label, *, perms: tuple[str, ...] | str = (), order: int = 100) -> None:
    """Show `label` in the staff top bar to users holding every permission in `perms`."""
    _add(_STAFF, Link(url_name, label, (perms,) if isinstance(perms, str) else tuple(perms), order))


def public_link(url_name: str, label, *, order: int = 100) -> None:
    """Show `label` in the public portal's header."""
    _add(_PUBLIC, Link(url_name, label, (), order))


def staff_links_for(user) -> list[dict]:
    if not user.is_authenticated:
        return []
    return [{"url": url, "label": link.label} for link in _STAFF
            if all(user.has_perm(p) for p in link.perms) and (url := link.url())]


def public_links() -> list[dict]:
    return [{"url": url, "label": link.label} for link in _PUBLIC if (url := link.url())]


def navigation(request: HttpRequest) -> dict:
    """Context processor: lazily computed, so pages that do not show a bar pay nothing."""
    user = getattr(request, "user", None)
    return {
        "staff_nav": (lambda: staff_links_for(user)) if user is not None else [],
        "public_nav": public_links,
    }
