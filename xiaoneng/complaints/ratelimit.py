"""Per-address fixed-window counters for the public forms, kept in the shared database cache.

The default cache is the database cache (settings.CACHES), so every server process counts in
the same table. The counter is cache.add (start the window at 0) then cache.incr, the same
scheme django-ratelimit uses; with our own key function, rates from settings and our own 429
page, the library would have left only these lines to us, so we keep them without a dependency.

The database cache's incr is a read then a write, not atomic: two requests of the same address
in the same instant may count once. A limit is a brake on floods, not an exact quota.
"""

from __future__ import annotations

import ipaddress
import re
import time

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.base import BaseCache
from django.http import HttpRequest

from xiaoneng.audit.log import client_ip

DEFAULT_RATES = {"submit": "20/h", "lookup": "30/h"}
_SETTINGS = {"submit": "XIAONENG_PUBLIC_SUBMIT_RATE", "lookup": "XIAONENG_PUBLIC_LOOKUP_RATE"}
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_RATE = re.compile(r"^\s*(\d+)\s*/\s*(\d*)\s*([smhd])\w*\s*$")


def parse_rate(rate: str) -> tuple[int, int]:
    """'20/h' -> (20, 3600); '5/10m' -> (5, 600). A malformed rate is a configuration error."""
    match = _RATE.match(rate or "")
    if not match:
        raise ValueError(f"not a rate: {rate!r} (use e.g. 20/h, 5/10m, 100/d)")
    count, multiple, unit = match.groups()
    return int(count), int(multiple or 1) * _UNITS[unit]


def rate_for(scope: str) -> tuple[int, int]:
    return parse_rate(getattr(settings, _SETTINGS[scope], DEFAULT_RATES[scope]))


def address_key(request: HttpRequest) -> str:
    """The client's address; an IPv6 client is counted by its /64, which one household holds."""
    address = client_ip(request)
    if address is None:
        return "unknown"
    ip = ipaddress.ip_address(address)
    if ip.version == 6:
        if ip.ipv4_mapped:
            return str(ip.ipv4_mapped)
        return str(ipaddress.ip_network(f"{ip}/64", strict=False).network_address) + "/64"
    return str(ip)


def hit(request: HttpRequest, scope: str, *, cache: BaseCache | None = None) -> bool:
    """Count one request of this address in `scope`; True when it is over the limit."""
    limit, window = rate_for(scope)
    now = int(time.time())
    key = f"xn:rl:{scope}:{address_key(request)}:{now // window}"
    cache = cache or caches["default"]
    cache.add(key, 0, timeout=window + 60)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window + 60)
        count = 1
    return count > limit


def retry_after(scope: str) -> int:
    """Seconds until the current window ends."""
    _, window = rate_for(scope)
    return window - int(time.time()) % window
