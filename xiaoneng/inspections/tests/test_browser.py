"""Inspections in a real browser: Debian's Chromium, headless, driven by Playwright against
`xiaoneng serve` on a loopback port. Screenshots of every step go to test-artifacts/browser/.

A supervisor, on a phone (390×844, touch), records a finding with a photo in the field and sees
it listed; center staff hand it over on a desktop; the liaison of 县交通运输局 then sees the
matter, while the campaign itself stays secret from the unit until it closes.

Run with `.venv/bin/pytest -m slow xiaoneng/inspections/tests/test_browser.py` (docs/testing.md).
"""

from __future__ import annotations

import io

import pytest

from xiaoneng import testing_browser as tb

pytestmark = pytest.mark.slow

SHOTS = "inspections-"  # test-artifacts/browser/inspections-NN-what.png
WHAT = "上班时间窗口无人值守，群众排队等候二十分钟无人办理"
WHERE = "县交通运输局政务服务窗口"
ACCOUNTS = (*tb.ACCOUNTS, tb.Account("supervisor_zhang", "supervisor"))
CAMPAIGN_SCRIPT = """
import datetime
from django.utils import timezone
from xiaoneng.inspections import actions
from xiaoneng.org.models import Unit, User
staff, supervisor = User.objects.get(username="staff"), User.objects.get(username="supervisor_zhang")
today = timezone.localdate()
campaign = actions.do_create_campaign(actor=staff, kind="joint", title="窗口服务联动督查",
    starts_on=today, ends_on=today + datetime.timedelta(days=5), organiser_unit=Unit.objects.get(code="xnzx"))
group = actions.do_add_group(campaign, actor=staff, name="第一督查组", leader=supervisor)
actions.do_add_member(group, actor=staff, user=supervisor)
actions.do_add_target(campaign, actor=staff, unit=Unit.objects.get(code="jtj"), group=group)
actions.do_start_campaign(campaign, actor=staff)
print(campaign.public_id)
"""


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    tb.clear_screenshots(SHOTS)
    data_dir = tmp_path_factory.mktemp("browser-data")
    tb.prepare_data_dir(data_dir, accounts=ACCOUNTS)
    campaign = tb.xiaoneng(data_dir, "shell", "--command", CAMPAIGN_SCRIPT).strip().splitlines()[-1]
    with tb.live_server(data_dir) as live:
        live.campaign = campaign
        yield live


def shoot(page, name: str) -> None:
    tb.screenshot(page, f"{SHOTS}{name}")


def photo() -> dict:
    """A small JPEG made on the spot, as a phone camera would hand it to the form."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (640, 480), (200, 200, 190))
    ImageDraw.Draw(image).rectangle((120, 160, 520, 400), fill=(90, 60, 40))  # an empty counter
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return {"name": "窗口无人.jpg", "mimeType": "image/jpeg", "buffer": out.getvalue()}


def fits_the_screen(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def record_finding(page, server) -> str:
    """The supervisor's phone: campaign, form, photo, send; returns the finding's page URL."""
    page.goto(f"{server.url}/inspections/")
    shoot(page, "10-supervisor-campaigns")
    with page.expect_navigation():
        page.click("a:text-is('窗口服务联动督查')")
    shoot(page, "11-supervisor-campaign")
    with page.expect_navigation():
        page.click("#new-finding")
    assert page.url.endswith(f"/inspections/{server.campaign}/findings/new/")
    page.select_option("select[name=unit]", label="县交通运输局")
    page.fill("textarea[name=what]", WHAT)
    page.fill("input[name=where]", WHERE)
    page.set_input_files("input[name=photos]", files=[photo()])
    assert fits_the_screen(page)
    shoot(page, "12-supervisor-form-filled")
    with page.expect_navigation():
        page.tap("#record-finding")
    assert page.locator(".messages li.success").count() == 1, page.inner_text("main")
    shoot(page, "13-supervisor-recorded")
    return page.url


def test_a_supervisor_records_a_finding_on_a_phone_and_the_unit_gets_the_matter(server, browser, outbound):
    supervisor = tb.new_context(browser, outbound, **tb.PHONE).new_page()
    tb.log_in(supervisor, server.url, "supervisor_zhang")
    finding_url = record_finding(supervisor, server)
    assert WHAT in supervisor.inner_text("dd.what")
    href = supervisor.locator("ul.photos a").first.get_attribute("href")
    assert supervisor.request.get(f"{server.url}{href}").headers["content-type"] == "image/jpeg"
    supervisor.goto(f"{server.url}/inspections/{server.campaign}/")
    shoot(supervisor, "14-supervisor-listed")
    assert WHAT in supervisor.inner_text("table.findings")

    staff = tb.new_context(browser, outbound, **tb.DESKTOP).new_page()
    tb.log_in(staff, server.url, "staff")
    staff.goto(finding_url)
    staff.click("summary:has-text('交办')")
    staff.fill("textarea[name=hand_over-note]", "请限期处理到位")
    shoot(staff, "20-staff-hand-over-form")
    with staff.expect_navigation():
        staff.click("#hand-over")
    assert staff.locator(".messages li.success").count() == 1, staff.inner_text("main")
    shoot(staff, "21-staff-handed-over")
    matter_id = staff.locator("dl.facts a[href^='/matters/']").inner_text().strip()

    liaison = tb.new_context(browser, outbound, **tb.DESKTOP).new_page()
    tb.log_in(liaison, server.url, "liaison_jtj")
    liaison.goto(f"{server.url}/matters/")
    shoot(liaison, "30-liaison-matters")
    with liaison.expect_navigation():
        liaison.click(f"a:text-is('{matter_id}')")
    shoot(liaison, "31-liaison-matter")
    assert liaison.url.endswith(f"/matters/{matter_id}/") and WHAT in liaison.inner_text("main")
    # The campaign stays secret from the inspected unit until it closes.
    assert liaison.goto(f"{server.url}/inspections/{server.campaign}/").status == 404
    other = tb.new_context(browser, outbound, **tb.DESKTOP).new_page()
    tb.log_in(other, server.url, "liaison_rsj")
    other.goto(f"{server.url}/matters/")
    assert matter_id not in other.inner_text("main")
