"""The ballot in a real browser: a rater opens a one-time link on a phone (390×844, WeChat's
browser), rates two departments, submits, and the same link then refuses a second ballot.
Screenshots go to test-artifacts/browser/evaluations-*.png.

Run with `.venv/bin/pytest -m slow xiaoneng/evaluations/tests/test_browser.py` (docs/testing.md).
"""

from __future__ import annotations

import pytest

from xiaoneng import testing_browser as tb

pytestmark = pytest.mark.slow

SHOTS = "evaluations-"
ROUND_SCRIPT = """
from decimal import Decimal
from xiaoneng.evaluations import actions
from xiaoneng.org.models import Unit, User
staff = User.objects.get(username="staff")
r = actions.do_create_round(actor=staff, title="2013年度部门评议", year=2013, min_ballots=1)
group = actions.do_add_group(r, actor=staff, kind="enterprise", name="企业代表", weight=Decimal(1))
for code in ("jtj", "rsj"):
    actions.do_add_target(r, actor=staff, unit=Unit.objects.get(code=code))
actions.do_open_round(r, actor=staff)
print(actions.do_issue_links(r, actor=staff, group=group, count=1)[0])
"""


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    tb.clear_screenshots(SHOTS)
    data_dir = tmp_path_factory.mktemp("browser-data")
    tb.prepare_data_dir(data_dir)
    secret = tb.xiaoneng(data_dir, "shell", "--command", ROUND_SCRIPT).strip().splitlines()[-1]
    with tb.live_server(data_dir) as live:
        live.secret = secret
        yield live


def test_a_rater_casts_one_ballot_on_a_phone(server, browser):
    outbound = tb.Outbound()
    page = tb.new_context(browser, outbound, **tb.PHONE).new_page()
    url = f"{server.url}/public/evaluations/ballot/{server.secret}/"
    page.goto(url)
    assert "县交通运输局" in page.inner_text("main")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    for select in page.locator("select").all()[:3]:
        select.select_option(label="满意")
    tb.screenshot(page, f"{SHOTS}01-ballot-filled")
    with page.expect_navigation():
        page.tap("button[type=submit]")
    assert "已计入" in page.inner_text("main")
    tb.screenshot(page, f"{SHOTS}02-counted")
    response = page.goto(url)
    assert response.status == 404
    assert "已使用" in page.inner_text("main")
    assert outbound.blocked == []
