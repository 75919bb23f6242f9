"""The demo county's windows data (a step of xiaoneng.demo.builder.STEPS)."""


def build_windows(ctx) -> None:
    """Not written yet: issue 8 fills the demo county's windows."""
