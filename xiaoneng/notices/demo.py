"""The demo county's notices data (a step of xiaoneng.demo.builder.STEPS)."""


def build_notices(ctx) -> None:
    """Not written yet: issue 9 fills the demo county's notices."""
