"""Outreach in a real browser: Debian's Chromium, headless, driven by Playwright against
`xiaoneng serve` on a loopback port. Screenshots go to test-artifacts/browser/outreach-NN-what.png.

A section chief of 县交通运输局, on a phone (390×844, touch, WeChat), logs a visit to the enterprise
paired with them (date, what was found, help given, a photo) and turns the problem found into a
matter for 县人力资源和社会保障局 in one step; that unit's liaison then finds the matter.

Run with `.venv/bin/pytest -m slow xiaoneng/outreach/tests/test_browser.py` (docs/testing.md).
"""

from __future__ import annotations

import io

import pytest

from xiaoneng import testing_browser as tb

pytestmark = pytest.mark.slow

SHOTS = "outreach-"
FOUND = "企业反映熟练技工招聘困难，影响二期生产线投产"
SETUP_SCRIPT = f"""
from django.core.management import call_command
from django.utils import timezone
from xiaoneng.org.models import Target, Unit, UnitKind, User
from xiaoneng.outreach import actions
from xiaoneng.outreach.sanbai import create_sanbai
from xiaoneng.testing import make_unit
section = make_unit("jtj-zf", "县交通运输局执法大队", UnitKind.SECTION, parent=Unit.objects.get(code="jtj"),
                    short_name="交通执法大队")
call_command("user", "add", "chief_zf", "--role", "unit_staff", "--unit", "jtj-zf", "--name", "陈志刚",
             "--position", "chief", "--password", "{tb.PASSWORD}")
today = timezone.localdate()
programme = create_sanbai(today.year)
target = Target.objects.create(kind="enterprise", name="金湖县示范机械有限公司", uscc="91320831MA1XXXXXX0")
chief = User.objects.get(username="chief_zf")
actions.do_pair(programme.tiers.get(code="chiefs"), actor=User.objects.get(username="staff"),
                person=chief.person_record, target=target, started_on=today.replace(month=1, day=1))
"""


def jpeg() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (320, 240), (40, 120, 200)).save(buffer, "JPEG")
    return buffer.getvalue()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    tb.clear_screenshots(SHOTS)
    data_dir = tmp_path_factory.mktemp("browser-data")
    tb.prepare_data_dir(data_dir)
    tb.xiaoneng(data_dir, "shell", "--command", SETUP_SCRIPT)
    with tb.live_server(data_dir) as live:
        yield live


def test_a_chief_logs_a_visit_on_a_phone_and_hands_the_problem_over(server, browser):
    outbound = tb.Outbound()
    phone = tb.new_context(browser, outbound, **tb.PHONE).new_page()
    tb.log_in(phone, server.url, "chief_zf")
    phone.goto(f"{server.url}/outreach/")
    tb.screenshot(phone, "outreach-10-index")
    phone.click("#record-visit")
    phone.select_option("#id_pairing", index=1)
    phone.fill("#id_found", FOUND)
    phone.fill("#id_help_given", "对接人社局招聘会，宣传技工培训补贴政策")
    phone.set_input_files(
        "#id_photos", files=[{"name": "走访.jpg", "mimeType": "image/jpeg", "buffer": jpeg()}]
    )
    tb.screenshot(phone, "outreach-11-visit-form")
    # The form fits the phone: nothing wider than the screen.
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    phone.click("#save-visit")
    phone.wait_for_selector("#visit-date")
    assert FOUND in phone.content()
    assert phone.locator("a[href*='/photos/']").count() == 1
    tb.screenshot(phone, "outreach-12-visit")

    phone.select_option("#id_unit", label="县人力资源和社会保障局")
    phone.fill("#id_title", "技工招聘困难")
    tb.screenshot(phone, "outreach-13-hand-over-form")
    phone.click("#hand-over")
    matter = phone.locator("#visit-matter")
    matter.wait_for()
    assert "县人力资源和社会保障局" in matter.inner_text()
    assert "已交办" in matter.inner_text()
    tb.screenshot(phone, "outreach-14-matter")

    desk = tb.new_context(browser, outbound, **tb.DESKTOP).new_page()
    tb.log_in(desk, server.url, "liaison_rsj")
    desk.goto(f"{server.url}/matters/")
    assert "技工招聘困难" in desk.content()
    tb.screenshot(desk, "outreach-20-liaison-matters")

    center = tb.new_context(browser, outbound, **tb.DESKTOP).new_page()
    tb.log_in(center, server.url, "staff")
    center.goto(f"{server.url}/outreach/")
    center.click("a:has-text('三百工程提升行动')")
    center.wait_for_url("**/programmes/**")
    center.click("a:has-text('百名科长联百企')")
    center.wait_for_url("**tier=*")
    assert "陈志刚" in center.locator("#shortfalls + table").inner_text()
    tb.screenshot(center, "outreach-30-compliance")
    public = tb.new_context(browser, outbound, **tb.PHONE).new_page()
    public.goto(f"{server.url}/public/outreach/")
    assert public.locator("h1").inner_text() == "三百工程亮晒"
    tb.screenshot(public, "outreach-40-public")
    assert outbound.blocked == []
