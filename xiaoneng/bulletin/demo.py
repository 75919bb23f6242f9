"""The demo county's bulletin data (a step of xiaoneng.demo.builder.STEPS)."""


def build_bulletin(ctx) -> None:
    """Not written yet: issue 10 fills the demo county's bulletin."""
