"""办理痕迹: append-only, hash-chained events (the API is in xiaoneng.trace.chain)."""
