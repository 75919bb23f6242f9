"""The demo county's snail data (a step of xiaoneng.demo.builder.STEPS)."""


def build_snail(ctx) -> None:
    """Not written yet: issue 9 fills the demo county's snail."""
