"""The bulletin in a real browser (Debian's Chromium, headless, against `xiaoneng serve`).

An editor prepares an issue, the liaison of 县交通运输局 submits an item with a photo, the editor
edits and accepts it (the original is kept), adds a reprint with its source, publishes, and the
issue appears on the public portal and downloads as Word. Screenshots: test-artifacts/browser/.

Run with `.venv/bin/pytest -m slow xiaoneng/bulletin/tests/test_browser.py` (docs/testing.md).
"""

from __future__ import annotations

import io

import pytest

from xiaoneng import testing_browser as tb

pytestmark = pytest.mark.slow

SHOTS = "bulletin-"
TITLE = "“四强化”推进效能建设"
TEXT = "县交通运输局采取“四个强化”，深入推进效能建设，群众满意度明显提升。"


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
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (320, 240), (30, 120, 200)).save(out, "JPEG")
    return {"name": "窗口.jpg", "mimeType": "image/jpeg", "buffer": out.getvalue()}


def test_an_editor_assembles_and_publishes_an_issue(server, browser, outbound):
    editor = tb.new_context(browser, outbound, **tb.DESKTOP).new_page()
    tb.log_in(editor, server.url, "staff")
    editor.goto(f"{server.url}/bulletin/")
    shoot(editor, "00-editor-index")
    with editor.expect_navigation():
        editor.click("#new-issue")
    editor.fill("input[name=date]", "2026-11-20")
    editor.fill("input[name=period_start]", "2026-11-01")
    editor.fill("input[name=period_end]", "2026-11-20")
    editor.fill("input[name=report_to]", "市效能办")
    editor.fill("input[name=issue_to]", "县各部门单位")
    shoot(editor, "01-editor-new-issue-form")
    with editor.expect_navigation():
        editor.click("#issue-form button[type=submit]")
    assert editor.url.endswith("/bulletin/2026/1/"), editor.inner_text("main")
    shoot(editor, "02-editor-issue")

    liaison = tb.new_context(browser, outbound, **tb.PHONE).new_page()
    tb.log_in(liaison, server.url, "liaison_jtj")
    liaison.goto(f"{server.url}/bulletin/")
    with liaison.expect_navigation():
        liaison.click("#submit-item")
    liaison.fill("input[name=title]", TITLE)
    liaison.fill("textarea[name=text]", TEXT)
    liaison.set_input_files("input[name=photos]", files=[photo()])
    shoot(liaison, "10-liaison-submission-form")
    with liaison.expect_navigation():
        liaison.click("#submission-form button[type=submit]")
    assert liaison.locator(".messages li").count() == 1, liaison.inner_text("main")
    shoot(liaison, "11-liaison-submitted")
    assert "已报送" in liaison.inner_text("h1")

    editor.reload()
    with editor.expect_navigation():
        editor.click(f"#pending a:text-is('{TITLE}')")
    editor.fill("#edit-form textarea[name=text]", TEXT + "（编辑修改）")
    with editor.expect_navigation():
        editor.click("#edit-form button[type=submit]")
    assert "单位报送的原稿" in editor.inner_text("main")
    shoot(editor, "20-editor-edited")
    with editor.expect_navigation():
        editor.click("#accept")
    assert editor.url.endswith("/bulletin/2026/1/")
    assert "——交通局供稿" in editor.inner_text("main")

    with editor.expect_navigation():
        editor.click("#add-item")
    editor.select_option("select[name=section]", label="他山之石")
    editor.fill("input[name=title]", "邢台掀起“问责风暴”")
    editor.fill("textarea[name=text]", "邢台市开展最优最差部门评议。")
    editor.fill("input[name=source]", "新华网")
    with editor.expect_navigation():
        editor.click("#item-form button[type=submit]")
    main = editor.inner_text("main")
    assert "——摘自新华网" in main and "本期要目" in main
    shoot(editor, "21-editor-assembled")
    docx = editor.request.get(f"{server.url}/bulletin/2026/1/download.docx")
    assert "wordprocessingml" in docx.headers["content-type"]

    with editor.expect_navigation():
        editor.click("#publish")
    assert "已印发" in editor.inner_text("h1")
    shoot(editor, "22-editor-published")

    visitor = tb.new_context(browser, outbound, **tb.PHONE).new_page()
    visitor.goto(f"{server.url}/public/bulletin/")
    with visitor.expect_navigation():
        visitor.click("a:has-text('2026年第1期')")
    text = visitor.inner_text("main")
    assert "效能建设简报" in text and TEXT + "（编辑修改）" in text and "——交通局供稿" in text
    shoot(visitor, "30-public-issue")
    fonts = tb.fonts_rendering(visitor, ".bulletin-name")
    assert any("CJK" in family for family in fonts), fonts
