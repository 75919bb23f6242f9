"""The demo county's evaluations data (a step of xiaoneng.demo.builder.STEPS)."""


def build_evaluations(ctx) -> None:
    """Not written yet: issue 9 fills the demo county's evaluations."""
