"""Complaints in a real browser: Debian's Chromium, headless, driven by Playwright against
`xiaoneng serve` on a loopback port. Screenshots of every step go to test-artifacts/browser/.

Run with `.venv/bin/pytest -m slow xiaoneng/complaints/tests/test_browser.py` (docs/testing.md).
"""

from __future__ import annotations

import pytest

from xiaoneng import testing_browser as tb

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("browser-data")
    tb.prepare_data_dir(data_dir)
    with tb.live_server(data_dir) as live:
        yield live


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = tb.launch_chromium(playwright)
        yield chromium
        chromium.close()


@pytest.fixture
def outbound():
    watch = tb.Outbound()
    yield watch
    assert watch.blocked == [], f"requests beyond loopback: {watch.blocked}"


def test_login_page_draws_chinese_with_a_cjk_font(server, browser, outbound):
    page = tb.new_context(browser, outbound, **tb.PHONE).new_page()
    page.goto(f"{server.url}/login/")
    tb.screenshot(page, "00-login-phone")
    assert page.locator("h1").inner_text() == "登录"
    fonts = tb.fonts_rendering(page, "h1")
    assert any("CJK" in family for family in fonts), fonts


def test_staff_logs_in_on_a_desktop(server, browser, outbound):
    page = tb.new_context(browser, outbound, **tb.DESKTOP).new_page()
    tb.log_in(page, server.url, "staff")
    tb.screenshot(page, "01-staff-home")
    assert "王敏" in page.locator("header .who").inner_text()
