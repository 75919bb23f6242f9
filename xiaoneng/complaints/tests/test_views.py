import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from xiaoneng.audit.models import AuditEntry
from xiaoneng.complaints import actions
from xiaoneng.complaints.models import Complaint, Satisfaction
from xiaoneng.complaints.tests.base import EMAIL, ID_NUMBER, NAME, PHONE, TEXT, ComplaintTestCase
from xiaoneng.matters.actions import do_close_matter, do_reply_matter
from xiaoneng.matters.models import State
from xiaoneng.trace.chain import events_for

USERS = ["admin", "staff", "liaison_a", "liaison_b", "section_liaison", "head_a", "supervisor", "leader"]
SECRETS = (NAME, PHONE, EMAIL, ID_NUMBER)


def png(name: str = "photo.png") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


class ViewTestCase(ComplaintTestCase):
    def setUp(self):
        self.c = self.complaint(assign=True)
        self.url = self.c.get_absolute_url()

    def status(self, name, method, url, data=None):
        if name:
            self.login(getattr(self, name))
        else:
            self.client.logout()
        return getattr(self.client, method)(url, data or {})


class PermissionTests(ViewTestCase):
    def check(self, method, url, expected, data=None):
        for name in [*USERS, None]:
            with self.subTest(user=name):
                wanted = expected.get(name, 302 if name is None else 403)
                self.assertEqual(self.status(name, method, url, data).status_code, wanted)

    def test_list(self):
        self.check("get", "/complaints/", dict.fromkeys(set(USERS) - {"supervisor"}, 200))

    def test_inbox(self):
        self.check("get", "/complaints/inbox/", dict.fromkeys(set(USERS) - {"supervisor"}, 200))

    def test_new(self):
        self.check("get", "/complaints/new/", {"admin": 200, "staff": 200})

    def test_detail(self):
        self.check("get", self.url, {"admin": 200, "staff": 200, "liaison_a": 200, "head_a": 200,
                                     "leader": 200, "liaison_b": 404, "section_liaison": 404})

    def test_identity(self):
        self.check("post", self.url + "identity/", {"admin": 200, "staff": 200})

    def test_sign(self):
        for name in [*USERS, None]:
            with self.subTest(user=name):
                c = self.complaint(assign=True)
                response = self.status(name, "post", c.get_absolute_url() + "act/sign/")
                wanted = {"liaison_a": 302, "head_a": 302, "liaison_b": 404, "section_liaison": 404,
                          None: 302}.get(name, 403)
                self.assertEqual(response.status_code, wanted)

    def test_redact(self):
        for name in [*USERS, None]:
            with self.subTest(user=name):
                response = self.status(name, "post", self.url + "act/redact/",
                                       {"redact-unit_text": "办证拖延"})
                wanted = {"admin": 302, "staff": 302, "liaison_b": 404, "section_liaison": 404,
                          None: 302}.get(name, 403)
                self.assertEqual(response.status_code, wanted)

    def test_unknown_action_is_404(self):
        self.assertEqual(self.status("staff", "post", self.url + "act/explode/").status_code, 404)

    def test_attachment(self):
        from django.core.files.base import ContentFile

        do_reply_matter(self.c.matter, actor=self.liaison_a, reply="已办",
                        attachments=[ContentFile(b"%PDF-1.4", name="a.pdf")])
        file = events_for(self.c.matter).last().attachments.get()
        self.check("get", f"{self.url}files/{file.pk}/", {"admin": 200, "staff": 200, "liaison_a": 200,
                                                           "head_a": 200, "leader": 200, "liaison_b": 404,
                                                           "section_liaison": 404})

    def test_matters_pages_do_not_show_complaints(self):
        matter_url = f"/matters/{self.c.matter.public_id}/"
        self.assertRedirects(self.status("liaison_a", "get", matter_url), self.url)
        self.assertEqual(self.status("staff", "post", matter_url + "urge/").status_code, 404)


class IdentityNeverLeaksTests(ViewTestCase):
    def pages(self):
        return ["/complaints/", "/complaints/inbox/", self.url, "/complaints/?attention=on",
                f"/matters/{self.c.matter.public_id}/", "/matters/"]

    def test_no_role_sees_identity_on_any_page(self):
        for name in [*USERS, None]:
            for url in self.pages():
                with self.subTest(user=name, url=url):
                    response = self.status(name, "get", url, None)
                    if response.status_code == 302 and name:
                        response = self.client.get(response["Location"])
                    body = response.content.decode()
                    for secret in SECRETS:
                        self.assertNotIn(secret, body)

    def test_refused_identity_requests_do_not_leak(self):
        for name in ["liaison_a", "head_a", "liaison_b", "supervisor", "leader"]:
            with self.subTest(user=name):
                body = self.status(name, "post", self.url + "identity/").content.decode()
                for secret in SECRETS:
                    self.assertNotIn(secret, body)

    def test_failed_actions_do_not_leak(self):
        body = self.status("liaison_a", "post", self.url + "act/reply/", {"reply-reply": ""}).content.decode()
        for secret in SECRETS:
            self.assertNotIn(secret, body)

    def test_show_identity_reveals_and_audits(self):
        response = self.status("staff", "post", self.url + "identity/")
        for secret in SECRETS:
            self.assertContains(response, secret)
        self.assertIn("no-store", response["Cache-Control"])
        self.assertEqual(AuditEntry.objects.filter(action="identity.view", actor=self.staff).count(), 1)

    def test_repeat_count_for_permitted_staff_only(self):
        self.complaint()
        self.assertContains(self.status("staff", "get", self.url), "该电话号码另有")
        self.assertNotContains(self.status("leader", "get", self.url), "该电话号码另有")
        self.assertNotContains(self.status("liaison_a", "get", self.url), "该电话号码另有")


class NamedPersonTests(ViewTestCase):
    def test_named_head_gets_404_and_an_empty_list(self):
        c = self.complaint(assign=True, named_persons=[self.head_a.person])
        self.assertEqual(self.status("head_a", "get", c.get_absolute_url()).status_code, 404)
        self.assertNotContains(self.status("head_a", "get", "/complaints/"), c.tracking_code)
        self.assertNotContains(self.status("head_a", "get", "/complaints/inbox/"), c.tracking_code)
        self.assertEqual(self.status("head_a", "get", f"/matters/{c.matter.public_id}/").status_code, 404)
        self.assertContains(self.status("liaison_a", "get", "/complaints/inbox/"), c.tracking_code)


class RedactionTests(ViewTestCase):
    def test_unit_reads_the_redacted_text_staff_both(self):
        actions.do_redact(self.c, actor=self.staff, unit_text="窗口办证拖延。")
        unit_page = self.status("liaison_a", "get", self.url)
        self.assertContains(unit_page, "窗口办证拖延。")
        self.assertNotContains(unit_page, TEXT)
        staff_page = self.status("staff", "get", self.url)
        self.assertContains(staff_page, TEXT)
        self.assertContains(staff_page, "窗口办证拖延。")


class IntakeTests(ViewTestCase):
    def post(self, **extra):
        data = {"channel": "hotline", "kind": "complaint", "category": "attitude", "scope": "public_service",
                "description": "电话反映窗口态度差", "name": "李四", "phone": "13700000000"}
        return self.status("staff", "post", "/complaints/new/", data | extra)

    def test_records_with_channel_and_named_persons(self):
        response = self.post(named_persons=[self.head_a.person.pk], accused_unit=self.unit_a.pk)
        c = Complaint.objects.exclude(pk=self.c.pk).get()
        self.assertRedirects(response, c.get_absolute_url())
        self.assertEqual((c.channel, c.matter.kind.code, c.anonymous), ("hotline", "complaint", False))
        self.assertEqual(list(c.named_persons.all()), [self.head_a.person])

    def test_enquiry_kind(self):
        self.post(kind="enquiry")
        self.assertEqual(Complaint.objects.exclude(pk=self.c.pk).get().matter.kind.time_limit, 3)

    def test_staff_channels_only(self):
        self.assertEqual(self.post(channel="web").status_code, 400)

    def test_with_attachment(self):
        self.post(attachments=png())
        c = Complaint.objects.exclude(pk=self.c.pk).get()
        self.assertEqual(events_for(c.matter).first().attachments.count(), 1)

    def test_refused_upload_rerenders(self):
        response = self.post(attachments=SimpleUploadedFile("x.png", b"MZ not an image", "image/png"))
        self.assertEqual(response.status_code, 400)
        self.assertEqual(Complaint.objects.count(), 1)


class TriageTests(ViewTestCase):
    def test_assign_gets_the_kinds_deadline(self):
        c = self.complaint()
        response = self.status("staff", "post", c.get_absolute_url() + "act/assign/",
                               {"assign-unit": self.unit_a.pk})
        self.assertEqual(response.status_code, 302)
        c = self.reload(c)
        self.assertEqual((c.matter.state, c.matter.time_limit), (State.ASSIGNED, 13))

    def test_reject_with_reason(self):
        c = self.complaint()
        self.status("staff", "post", c.get_absolute_url() + "act/reject/", {"reject-reason": "属信访事项"})
        self.assertEqual(self.reload(c).matter.state, State.REJECTED)
        self.assertIn("属信访事项", actions.public_progress(c)[-1].text)

    def test_mark_duplicate_by_code_shown_on_both(self):
        c = self.complaint()
        response = self.status("staff", "post", c.get_absolute_url() + "act/duplicate/",
                               {"duplicate-original": self.c.tracking_code.lower()})
        self.assertEqual(response.status_code, 302)
        self.assertEqual(self.reload(c).duplicate_of, self.c)
        self.assertContains(self.status("staff", "get", self.url), c.tracking_code)
        self.assertContains(self.status("staff", "get", c.get_absolute_url()), self.c.tracking_code)

    def test_unknown_original_code(self):
        c = self.complaint()
        response = self.status("staff", "post", c.get_absolute_url() + "act/duplicate/",
                               {"duplicate-original": "TSNOPE"})
        self.assertEqual(response.status_code, 400)


class HandlingTests(ViewTestCase):
    def test_reply_with_evidence(self):
        response = self.status("liaison_a", "post", self.url + "act/reply/",
                               {"reply-reply": "已整改", "reply-attachments": [png("a.png"), png("b.png")]})
        self.assertEqual(response.status_code, 302)
        event = events_for(self.c.matter).last()
        self.assertEqual((event.kind, event.attachments.count()), ("replied", 2))
        self.assertContains(self.status("liaison_a", "get", self.url), "a.png")

    def test_return_as_not_theirs(self):
        self.status("liaison_a", "post", self.url + "act/return/", {"return-reason": "不属本单位"})
        self.assertEqual(self.reload(self.c).matter.state, State.RETURNED)

    def test_inbox_lists_unsigned_first(self):
        response = self.status("liaison_a", "get", "/complaints/inbox/")
        self.assertContains(response, self.c.tracking_code)
        self.assertContains(response, "colour-")

    def test_unsatisfied_in_the_attention_filter_then_reopened(self):
        do_reply_matter(self.c.matter, actor=self.liaison_a, reply="已办")
        do_close_matter(self.c.matter, actor=self.staff, resolution="resolved")
        actions.do_rate_satisfaction(self.c, rating=Satisfaction.UNSATISFIED)
        other = self.complaint()
        page = self.status("staff", "get", "/complaints/?attention=on")
        self.assertContains(page, self.c.tracking_code)
        self.assertNotContains(page, other.tracking_code)
        self.status("staff", "post", self.url + "act/reopen/",
                    {"reopen-reason": "回访不满意", "reopen-time_limit": 5})
        c = self.reload(self.c)
        self.assertEqual((c.matter.state, c.needs_attention, c.matter.time_limit), (State.REOPENED, False, 5))

    def test_timeline_shows_complaint_events(self):
        actions.do_set_public(self.c, actor=self.staff, is_public=True, public_summary="办证慢")
        self.assertContains(self.status("liaison_a", "get", self.url), "办理痕迹")


class ComplaintActionPermissionTests(ViewTestCase):
    POSTS = {
        "duplicate": lambda t: {"duplicate-original": t.complaint().tracking_code},
        "redact": lambda t: {"redact-unit_text": "办证拖延"},
        "publish": lambda t: {"publish-is_public": "on", "publish-public_summary": "办证慢"},
        "dismiss": lambda t: {"dismiss-note": "已解释政策"},
    }

    def fresh(self, action):
        if action == "duplicate":
            return self.complaint()
        c = self.complaint(assign=True)
        if action == "dismiss":
            do_reply_matter(c.matter, actor=self.liaison_a, reply="已办")
            do_close_matter(c.matter, actor=self.staff, resolution="resolved")
            actions.do_rate_satisfaction(c, rating=Satisfaction.UNSATISFIED)
        return c

    def test_every_role_on_every_complaint_action(self):
        for action, data in self.POSTS.items():
            for name in [*USERS, None]:
                with self.subTest(action=action, user=name):
                    c = self.fresh(action)
                    visible = name in ("admin", "staff", "leader") or (
                        action != "duplicate" and name in ("liaison_a", "head_a"))
                    response = self.status(name, "post", c.get_absolute_url() + f"act/{action}/", data(self))
                    if name is None or name in ("admin", "staff"):
                        wanted = 302
                    elif name == "supervisor":
                        wanted = 403
                    else:
                        wanted = 403 if visible else 404
                    self.assertEqual(response.status_code, wanted)
                    for secret in SECRETS:
                        self.assertNotIn(secret, response.content.decode())


class InboxSignTests(ViewTestCase):
    def test_liaison_signs_from_the_inbox(self):
        page = self.status("liaison_a", "get", "/complaints/inbox/")
        self.assertContains(page, f"{self.url}act/sign/")
        self.assertRedirects(self.client.post(f"{self.url}act/sign/"), self.url)
        self.assertIsNotNone(self.reload(self.c).matter.signed_at)
        self.assertNotContains(self.client.get("/complaints/inbox/"), f"{self.url}act/sign/")

    def test_no_sign_button_for_staff_or_leader(self):
        for name in ("staff", "leader"):
            self.assertNotContains(self.status(name, "get", "/complaints/inbox/"), "act/sign/")
