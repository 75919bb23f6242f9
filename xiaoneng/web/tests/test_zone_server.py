"""`xiaoneng serve --zone public` as deployed: a real server that answers only public routes."""

import tempfile
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from xiaoneng.testing_browser import live_server, xiaoneng


def status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


@pytest.mark.slow
def test_public_zone_server_serves_public_pages_only():
    data_dir = Path(tempfile.mkdtemp(prefix="xn-zone-"))
    xiaoneng(data_dir, "migrate", "--verbosity", "0")
    with live_server(data_dir, extra_args=("--zone", "public")) as server:
        assert status(f"{server.url}/public/") == 200
        assert status(f"{server.url}/open311/v2/services.json") == 200
        for path in ("/login/", "/admin/login/", "/matters/", "/api/v1/openapi.json"):
            assert status(f"{server.url}{path}") == 404, path
