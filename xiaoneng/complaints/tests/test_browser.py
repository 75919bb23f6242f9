"""Complaints in a real browser: Debian's Chromium, headless, driven by Playwright against
`xiaoneng serve` on a loopback port. Screenshots of every step go to test-artifacts/browser/.

The reporter is a phone in WeChat; staff and the liaison of 县交通运输局 use desktops. After every
step of the handling the reporter looks the complaint up and sees one more plain-Chinese step,
never the reporter's own name or phone, the staff's notes or the unit's reply.

Run with `.venv/bin/pytest -m slow xiaoneng/complaints/tests/test_browser.py` (docs/testing.md).
"""

from __future__ import annotations

import io
import re

import pytest

from xiaoneng import testing_browser as tb

pytestmark = pytest.mark.slow

REPORTER_NAME, REPORTER_PHONE = "张秀英", "13912345678"
DESCRIPTION = ("10月8日在县交通运输局窗口办理道路运输证，工作人员让我连跑三趟，"
               "每次都说材料不全，也不一次性告知。")
ASSIGN_NOTE = "内部备注：请交通局核实窗口人员"
REPLY = "经核查，窗口人员未履行一次性告知义务，已批评教育并向当事人致歉。"
VERIFY_NOTE = "内部备注：电话回访属实"
SHOTS = "complaints-"  # test-artifacts/browser/complaints-NN-what.png
PRIVATE = (REPORTER_NAME, REPORTER_PHONE, ASSIGN_NOTE, REPLY, VERIFY_NOTE)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    tb.clear_screenshots(SHOTS)
    data_dir = tmp_path_factory.mktemp("browser-data")
    tb.prepare_data_dir(data_dir)
    with tb.live_server(data_dir) as live:
        yield live


def shoot(page, name: str) -> None:
    tb.screenshot(page, f"{SHOTS}{name}")


def photo() -> dict:
    """A small JPEG made on the spot, as a phone camera would hand it to the form."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (320, 240), (40, 90, 160))
    ImageDraw.Draw(image).rectangle((60, 60, 260, 180), fill=(240, 200, 60))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return {"name": "窗口.jpg", "mimeType": "image/jpeg", "buffer": out.getvalue()}


def fill_complaint(page, *, real_name: bool) -> None:
    page.select_option("select[name=category]", "slow")
    page.check("input[name=scope][value=approval]")
    page.select_option("select[name=accused_unit]", label="县交通运输局")
    page.fill("textarea[name=description]", DESCRIPTION)
    page.set_input_files("input[name=attachments]", files=[photo()])
    if real_name:
        page.check("input[name=anonymous][value='0']")
        page.fill("input[name=name]", REPORTER_NAME)
        page.fill("input[name=phone]", REPORTER_PHONE)


def submit_complaint(page, shot: str) -> tuple[str, str]:
    page.click("#submit-complaint")
    page.wait_for_selector("#tracking-code")
    shoot(page, shot)
    return page.inner_text("#tracking-code").strip(), page.inner_text("#query-secret").strip()


def look_up(page, server, code: str, secret: str, shot: str) -> list[str]:
    """The reporter's view of the progress: its steps, checked to be Chinese and free of private text."""
    page.goto(f"{server.url}/public/status/")
    page.fill("input[name=tracking_code]", code)
    page.fill("input[name=secret]", secret)
    page.click("#lookup")
    page.wait_for_selector("#progress")
    shoot(page, shot)
    shown = page.inner_text("body")
    assert not [text for text in PRIVATE if text in shown]
    steps = [item.inner_text() for item in page.locator("#progress > li").all()]
    assert plain_chinese([*steps, *page_texts(page, "h1")]), steps
    return steps


def plain_chinese(texts: list[str]) -> bool:
    """Every text reads as Chinese: CJK characters and no Latin words (dates and times are digits)."""
    return all(re.search(r"[\u4e00-\u9fff]", text) and not re.search(r"[A-Za-z]", text) for text in texts)


def page_texts(page, *selectors: str) -> list[str]:
    return [page.inner_text(selector) for selector in selectors]


def open_complaint(page, server, path: str, code: str) -> None:
    page.goto(f"{server.url}{path}")
    with page.expect_navigation():
        page.click(f"table a:text-is('{code}')")


def sign_in_inbox(page, server, code: str) -> None:
    """签收 from the unit's inbox, where the complaint waits among the unsigned."""
    page.goto(f"{server.url}/complaints/inbox/")
    row = page.locator(f"tr.unsigned:has(a:text-is('{code}'))")
    shoot(page, "30-liaison-inbox")
    with page.expect_navigation():
        row.locator("button[type=submit]").click()
    assert page.locator(".messages li.success").count() == 1, page.inner_text("main")
    shoot(page, "31-liaison-signed")


def act(page, action: str, shot: str, **fields: str) -> None:
    """Open an action of the detail page, fill its fields (by unprefixed name), send it."""
    box = page.locator(f"details:has(form[action$='/act/{action}/'])")
    box.locator("summary").click()
    form = box.locator("form")
    for name, value in fields.items():
        field = form.locator(f"[name='{action}-{name}']")
        if field.evaluate("element => element.tagName") == "SELECT":
            field.select_option(value)  # matches an option's value or its label
        else:
            field.fill(value)
    shoot(page, f"{shot}-form")
    with page.expect_navigation():  # the post, then the redirect back to the detail page
        form.locator("button[type=submit]").click()
    assert page.locator(".messages li.success").count() == 1, page.inner_text("main")
    shoot(page, shot)


def test_login_page_draws_chinese_with_a_cjk_font(server, browser, outbound):
    page = tb.new_context(browser, outbound, **tb.PHONE).new_page()
    page.goto(f"{server.url}/login/")
    shoot(page, "00-login-phone")
    assert page.locator("h1").inner_text() == "登录"
    fonts = tb.fonts_rendering(page, "h1")
    assert any("CJK" in family for family in fonts), fonts


def test_requests_beyond_loopback_are_aborted_and_recorded(server, browser):
    outbound = tb.Outbound()
    page = tb.new_context(browser, outbound, **tb.DESKTOP).new_page()
    page.goto(f"{server.url}/login/")
    page.evaluate("url => fetch(url).catch(() => null)", "http://192.0.2.1/font.woff2")
    assert outbound.blocked == ["http://192.0.2.1/font.woff2"]


def test_a_complaint_from_a_phone_to_the_rating(server, browser, outbound):
    public = tb.new_context(browser, outbound, **tb.PHONE).new_page()
    public.goto(f"{server.url}/public/")
    shoot(public, "10-public-home")
    assert plain_chinese(page_texts(public, "h1", ".public-head nav"))
    public.click("#to-complaint")
    public.wait_for_selector("#unit-filter")  # the form's script runs in WeChat's browser
    fill_complaint(public, real_name=True)
    shoot(public, "11-public-form-filled")
    assert plain_chinese(page_texts(public, "h1", "#submit-complaint"))
    code, secret = submit_complaint(public, "12-public-filed")
    assert code.startswith("TS") and secret and plain_chinese(page_texts(public, "h1"))
    steps = look_up(public, server, code, secret, "13-public-status-received")
    assert len(steps) == 1

    staff = tb.new_context(browser, outbound, **tb.DESKTOP).new_page()
    tb.log_in(staff, server.url, "staff")
    open_complaint(staff, server, "/complaints/", code)
    assert DESCRIPTION in staff.inner_text("main")
    attachment = staff.locator("ul.attachments a").first.get_attribute("href")
    assert staff.request.get(f"{server.url}{attachment}").headers["content-type"] == "image/jpeg"
    act(staff, "assign", "21-staff-assigned", unit="县交通运输局", note=ASSIGN_NOTE)
    steps = look_up(public, server, code, secret, "22-public-status-assigned")
    assert len(steps) == 2 and "县交通运输局" in steps[-1]

    liaison = tb.new_context(browser, outbound, **tb.DESKTOP).new_page()
    tb.log_in(liaison, server.url, "liaison_jtj")
    sign_in_inbox(liaison, server, code)
    assert REPORTER_NAME not in liaison.content() and REPORTER_PHONE not in liaison.content()
    assert len(look_up(public, server, code, secret, "32-public-status-signed")) == 3
    act(liaison, "reply", "33-liaison-replied", reply=REPLY)
    assert len(look_up(public, server, code, secret, "34-public-status-replied")) == 4

    staff.reload()
    act(staff, "verify", "41-staff-verified", verdict="substantiated", note=VERIFY_NOTE)
    assert len(look_up(public, server, code, secret, "42-public-status-verified")) == 5
    act(staff, "close", "43-staff-closed", resolution="resolved")
    steps = look_up(public, server, code, secret, "44-public-status-closed")
    assert len(steps) == 6

    assert plain_chinese(page_texts(public, "#rate-form legend", "#rate"))
    public.check("input[name=rating][value=satisfied]")
    public.click("#rate")
    public.wait_for_selector("#rated")
    shoot(public, "45-public-rated")
    assert plain_chinese(page_texts(public, "#rated")) and "满意" in public.inner_text("#rated")
    assert public.locator("#progress > li").count() == 7


def test_the_form_works_without_javascript(server, browser, outbound):
    public = tb.new_context(browser, outbound, java_script_enabled=False, **tb.PHONE).new_page()
    public.goto(f"{server.url}/public/complaints/new/")
    assert public.locator("#unit-filter").count() == 0  # no script ran
    fill_complaint(public, real_name=True)
    code, secret = submit_complaint(public, "50-public-filed-without-javascript")
    assert code.startswith("TS") and secret
