"""Smart dispatch (派单建议) and repeat detection (重复件), learned from history (issue 13)."""
