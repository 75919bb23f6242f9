"""The demo county's accountability data (a step of xiaoneng.demo.builder.STEPS)."""


def build_accountability(ctx) -> None:
    """Not written yet: issue 9 fills the demo county's accountability."""
