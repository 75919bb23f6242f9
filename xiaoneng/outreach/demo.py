"""The demo county's outreach data (a step of xiaoneng.demo.builder.STEPS)."""


def build_outreach(ctx) -> None:
    """Not written yet: issue 7 fills the demo county's outreach."""
