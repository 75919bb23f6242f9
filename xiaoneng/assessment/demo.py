"""The demo county's assessment data (a step of xiaoneng.demo.builder.STEPS)."""


def build_assessment(ctx) -> None:
    """Not written yet: issue 9 fills the demo county's assessment."""
