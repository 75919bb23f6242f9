"""The demo county's achievements data (a step of xiaoneng.demo.builder.STEPS)."""


def build_achievements(ctx) -> None:
    """Not written yet: issue 6 fills the demo county's achievements."""
