"""Real-browser test helpers: the production server on a loopback port, Debian's Chromium driven
by Playwright, log-in and screenshot helpers (for the slow suites, `@pytest.mark.slow`).

The server is `xiaoneng serve` (gunicorn) run as a subprocess against a temporary data dir with a
file-backed SQLite database, prepared through the console command as an administrator would:
`xiaoneng migrate`, then units, then `xiaoneng user add`. The browser is /usr/bin/chromium (never
a downloaded one: do not run `playwright install`), each launch with a fresh temporary profile,
and every request that leaves the loopback interface is aborted and recorded.

Playwright is imported lazily so that collecting the core suite never needs it.
"""

from __future__ import annotations

import contextlib
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlparse

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, Page, Playwright

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts" / "browser"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
CLI = [sys.executable, "-c", "from xiaoneng.cli import main; main()"]
LOOPBACK = {"127.0.0.1", "localhost", "::1", "[::1]"}
PASSWORD = "Browser-test-pw-2026"

# A phone in WeChat's built-in browser: where most reporters in the county open the portal.
WECHAT_USER_AGENT = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
    "Mobile/15E148 MicroMessenger/8.0.50(0x1800323b) NetType/WIFI Language/zh_CN"
)
PHONE = {
    "viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "is_mobile": True,
    "has_touch": True, "locale": "zh-CN", "timezone_id": "Asia/Shanghai",
    "user_agent": WECHAT_USER_AGENT,
}
DESKTOP = {"viewport": {"width": 1280, "height": 900}, "locale": "zh-CN", "timezone_id": "Asia/Shanghai"}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_environment(data_dir: Path) -> dict[str, str]:
    """The environment of every server-side process: SQLite in `data_dir`, whatever DATABASE_URL says."""
    env = dict(os.environ, XIAONENG_DATA_DIR=str(data_dir), XIAONENG_LOG_LEVEL="WARNING")
    env.pop("DATABASE_URL", None)
    return env


def xiaoneng(data_dir: Path, *args: str) -> str:
    """Run `xiaoneng ARGS` against `data_dir`; its output, or AssertionError with stderr."""
    result = subprocess.run([*CLI, *args], env=server_environment(data_dir), capture_output=True,
                            text=True, timeout=120, cwd=ROOT)
    assert result.returncode == 0, f"xiaoneng {' '.join(args)} failed:\n{result.stdout}{result.stderr}"
    return result.stdout


# Units are reference data imported from spreadsheets in production; a shell line is shorter here.
UNITS_SCRIPT = """
from xiaoneng.testing import make_unit
from xiaoneng.org.models import UnitKind
county = make_unit("county", "金湖县", UnitKind.COUNTY, short_name="金湖县")
make_unit("xnzx", "县效能中心", parent=county, short_name="效能中心")
make_unit("jtj", "县交通运输局", parent=county, short_name="交通局", is_key=True)
make_unit("rsj", "县人力资源和社会保障局", parent=county, short_name="人社局", is_key=True)
"""


@dataclass(frozen=True)
class Account:
    username: str
    role: str
    unit: str = ""
    name: str = ""
    password: str = PASSWORD


ACCOUNTS = (
    Account("staff", "center_staff", "xnzx", "王敏"),
    Account("liaison_jtj", "unit_liaison", "jtj", "李强"),
    Account("liaison_rsj", "unit_liaison", "rsj", "赵丽"),
)


# Every test account holds a TOTP "hardware token" with this seed (RFC 6238's test key), so the
# browser logs in as people do: password, then the six-digit code.
TOTP_KEY = "3132333435363738393031323334353637383930"


def totp_code(key: str = TOTP_KEY) -> str:
    from django_otp.oath import totp

    return f"{totp(bytes.fromhex(key)):06d}"


def user_add_args(account: Account) -> list[str]:
    args = ["user", "add", account.username, "--role", account.role, "--password", account.password,
            "--totp-key", TOTP_KEY]
    if account.unit:
        args += ["--unit", account.unit]
    if account.name:
        args += ["--name", account.name]
    return args


def prepare_data_dir(data_dir: Path, accounts: tuple[Account, ...] = ACCOUNTS,
                     units_script: str = UNITS_SCRIPT) -> None:
    """Migrate a fresh SQLite database in `data_dir`, create the units, then the accounts.

    The accounts are made by the `xiaoneng user add` command, called in the same process as the
    units script: every start of Django costs seconds on a busy machine.
    """
    xiaoneng(data_dir, "migrate", "--verbosity", "0")
    calls = "".join(f"call_command(*{user_add_args(account)!r})\n" for account in accounts)
    xiaoneng(data_dir, "shell", "--command",
             f"{units_script}\nfrom django.core.management import call_command\n{calls}")


@dataclass
class LiveServer:
    url: str
    data_dir: Path
    process: subprocess.Popen
    log: Path

    def log_tail(self, lines: int = 40) -> str:
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])


@contextlib.contextmanager
def live_server(data_dir: Path, startup_limit: float = 60,
                extra_args: tuple[str, ...] = ()) -> Iterator[LiveServer]:
    """`xiaoneng serve` on a free loopback port until the block ends (then stopped by its pid)."""
    port = free_port()
    log = data_dir / "server.log"
    with log.open("w") as out:
        process = subprocess.Popen(
            [*CLI, "serve", "--host", "127.0.0.1", "--port", str(port), "--workers", "1", "--threads", "4",
             *extra_args],
            env=server_environment(data_dir), stdout=out, stderr=subprocess.STDOUT, cwd=ROOT,
        )
    server = LiveServer(f"http://127.0.0.1:{port}", data_dir, process, log)
    try:
        if not _wait_until_up(process, f"{server.url}/healthz", startup_limit):
            raise RuntimeError(f"xiaoneng serve did not come up on port {port}:\n{server.log_tail()}")
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_until_up(process: subprocess.Popen, url: str, limit: float) -> bool:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline and process.poll() is None:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return response.status == 200
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.2)
    return False


def launch_chromium(playwright: Playwright) -> Browser:
    """Debian's Chromium, headless; Playwright gives each launch a fresh temporary user-data-dir."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, timeout=30_000)


@dataclass
class Outbound:
    """Requests a page tried to send beyond the loopback interface (all aborted)."""

    blocked: list[str] = field(default_factory=list)

    def route(self, route: Any) -> None:
        if (urlparse(route.request.url).hostname or "") in LOOPBACK:
            route.continue_()
        else:
            self.blocked.append(route.request.url)
            route.abort("blockedbyclient")


def new_context(browser: Browser, outbound: Outbound, **options: Any) -> BrowserContext:
    """A browser context (own cookies) whose traffic is confined to loopback."""
    context = browser.new_context(**options)
    context.set_default_timeout(10_000)
    context.route("**/*", outbound.route)
    return context


def screenshot(page: Page, name: str) -> Path:
    """Save a full-page PNG as test-artifacts/browser/<name>.png and return its path."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def clear_screenshots(prefix: str) -> None:
    """Remove the PNGs of an earlier run whose names start with `prefix` (one test module's)."""
    for path in ARTIFACTS.glob(f"{prefix}*.png"):
        path.unlink()


def log_in(page: Page, base_url: str, username: str, password: str = PASSWORD) -> None:
    """Fill the login form and wait until the browser has left /login/."""
    page.goto(f"{base_url}/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("form button[type=submit]")
    page.wait_for_url(lambda url: "/login/" not in url or "/login/second-factor/" in url)
    if "/login/second-factor/" in page.url:
        pass_second_factor(page)


def pass_second_factor(page: Page) -> None:
    """Give the current TOTP code; a code already used (same 30 s step) is refused, so wait."""
    for _ in range(3):
        page.fill("input[name=code]", totp_code())
        page.click("#second-factor button[type=submit]")
        page.wait_for_load_state()
        if "/login/second-factor/" not in page.url:
            return
        time.sleep(31 - time.time() % 30)  # into the next step, past the throttle
    raise AssertionError("the second factor was refused three times")


def log_out(page: Page) -> None:
    page.click("header form button[type=submit]")
    page.wait_for_url(re.compile(r"/login/"))


def fonts_rendering(page: Page, selector: str) -> dict[str, int]:
    """Platform fonts (family -> glyph count) Chromium used to draw the text of `selector`.

    Chinese drawn with a CJK font shows e.g. {"Noto Sans CJK SC": 4}; missing fonts show up as a
    Latin fallback family drawing .notdef boxes (tofu).
    """
    session = page.context.new_cdp_session(page)
    try:
        session.send("DOM.enable")
        session.send("CSS.enable")
        root = session.send("DOM.getDocument")["root"]["nodeId"]
        node = session.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
        fonts = session.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    finally:
        session.detach()
    return {font["familyName"]: font["glyphCount"] for font in fonts}


# Fixtures every browser test shares (registered for the whole suite by conftest.py's
# pytest_plugins); each test module keeps its own `server`, since each prepares its own data.
@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium, headless, for the tests of one module."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = launch_chromium(playwright)
        yield chromium
        chromium.close()


@pytest.fixture
def outbound():
    """Watches every request a page makes; the test fails if one left loopback."""
    watch = Outbound()
    yield watch
    assert watch.blocked == [], f"requests beyond loopback: {watch.blocked}"
