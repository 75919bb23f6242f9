"""The demo county's commitments data (a step of xiaoneng.demo.builder.STEPS)."""


def build_commitments(ctx) -> None:
    """Not written yet: issue 6 fills the demo county's commitments."""
