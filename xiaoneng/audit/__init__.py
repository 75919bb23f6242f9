"""审计日志: the platform's append-only audit log.

`from xiaoneng.audit import record` works without importing models at package
import time: the API lives in xiaoneng.audit.log and is re-exported lazily.
"""

_LAZY = {"record", "TargetRef", "client_ip"}


def __getattr__(name: str):
    if name in _LAZY:
        from xiaoneng.audit import log

        return getattr(log, name)
    raise AttributeError(f"module 'xiaoneng.audit' has no attribute {name!r}")
