"""The demo county's reports (a step of xiaoneng.demo.builder.STEPS).

The dashboard and the reports keep nothing of their own: every figure is computed, when asked,
from the records the other steps made. So there is nothing to build here.
"""


def build_reports(ctx) -> None:
    """Nothing to store: the leadership dashboard reads the other mechanisms' demo data."""
