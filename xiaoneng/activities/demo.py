"""The demo county's activities data (a step of xiaoneng.demo.builder.STEPS)."""


def build_activities(ctx) -> None:
    """Not written yet: issue 7 fills the demo county's activities."""
