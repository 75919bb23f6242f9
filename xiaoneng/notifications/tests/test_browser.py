"""The unread badge in a real browser (Chromium, headless, against `xiaoneng serve`): the count
is fetched by notifications/unread.js after the page loads and disappears once all are read.

Run with `.venv/bin/pytest -m slow xiaoneng/notifications/tests/test_browser.py`.
"""

from __future__ import annotations

import pytest

from xiaoneng import testing_browser as tb

pytestmark = pytest.mark.slow

NOTIFY = """
from xiaoneng.notifications.api import notify
from xiaoneng.org.models import User
for title in ("新交办事项", "催办通知"):
    notify("matter.urged", recipients=[User.objects.get(username="liaison_jtj")], title=title, body="请办理")
"""


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("browser-data")
    tb.prepare_data_dir(data_dir)
    tb.xiaoneng(data_dir, "shell", "--command", NOTIFY)
    with tb.live_server(data_dir) as live:
        yield live


def test_badge_counts_and_clears(server):
    from playwright.sync_api import expect, sync_playwright

    outbound = tb.Outbound()
    with sync_playwright() as playwright:
        browser = tb.launch_chromium(playwright)
        try:
            page = tb.new_context(browser, outbound, **tb.DESKTOP).new_page()
            tb.log_in(page, server.url, "liaison_jtj")
            badge = page.locator("#nav-notifications .badge")
            expect(badge).to_have_text("2")
            page.click("#nav-notifications")
            expect(page.locator("main")).to_contain_text("催办通知")
            tb.screenshot(page, "notifications-01-inbox")
            page.click("text=全部标为已读")
            expect(page.locator("#nav-notifications .badge")).to_be_hidden()
            tb.log_out(page)
            tb.log_in(page, server.url, "liaison_rsj")
            page.goto(f"{server.url}/notifications/")
            expect(page.locator("main")).to_contain_text("暂无通知")
            expect(page.locator("#nav-notifications .badge")).to_be_hidden()
        finally:
            browser.close()
    assert outbound.blocked == []
