"""What must follow a change of a matter's text, without the matters app knowing who listens.

The matter actions call `matter_text_changed(matter)` inside their transaction after they
create a matter or change its text; the search app registers its indexer here when it starts
(SearchConfig.ready). No signals: the call is visible where the text changes.
"""

from __future__ import annotations

from collections.abc import Callable

_listeners: dict[str, Callable] = {}


def on_matter_text_changed(listener: Callable) -> Callable:
    """Register `listener(matter)`; registering the same function again replaces it."""
    _listeners[f"{listener.__module__}.{listener.__qualname__}"] = listener
    return listener


def matter_text_changed(matter) -> None:
    for listener in list(_listeners.values()):
        listener(matter)
