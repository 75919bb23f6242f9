"""The demo county's reports data (a step of xiaoneng.demo.builder.STEPS)."""


def build_reports(ctx) -> None:
    """Not written yet: issue 10 fills the demo county's reports."""
