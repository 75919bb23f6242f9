#!/usr/bin/env python3
"""Django's manage.py; the `xiaoneng` console command is the same thing, installed."""

from xiaoneng.cli import main

if __name__ == "__main__":
    main()
