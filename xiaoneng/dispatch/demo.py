"""The demo county's dispatch data (a step of xiaoneng.demo.builder.STEPS)."""


def build_dispatch(ctx) -> None:
    """Not written yet: issue 13 fills the demo county's dispatch."""
