"""Xiaoneng (效能): a platform for a county efficiency center."""

__version__ = "0.1.0"
