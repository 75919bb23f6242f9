"""Request parsing that refuses text no database column can hold.

A NUL character is refused by PostgreSQL and a lone surrogate cannot be encoded as UTF-8:
either would fail deep inside a query with a 500. Both are refused here, at the door, as 400.
"""

from __future__ import annotations

import json
import re

from ninja.errors import HttpError
from ninja.parser import Parser

_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def _storable(value) -> bool:
    if isinstance(value, str):
        return not _UNSTORABLE.search(value)
    if isinstance(value, dict):
        return all(_storable(k) and _storable(v) for k, v in value.items())
    if isinstance(value, list):
        return all(_storable(v) for v in value)
    return True


class StrictParser(Parser):
    def parse_body(self, request):
        data = json.loads(request.body)
        if not _storable(data):
            raise ValueError("the body contains characters that cannot be stored")
        return data

    def parse_querydict(self, data, list_fields, request):
        result = super().parse_querydict(data, list_fields, request)
        if not _storable(result):
            raise HttpError(400, "the query contains characters that cannot be stored")
        return result
