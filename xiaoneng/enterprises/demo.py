"""The demo county's enterprises data (a step of xiaoneng.demo.builder.STEPS)."""


def build_enterprises(ctx) -> None:
    """Not written yet: issue 7 fills the demo county's enterprises."""
