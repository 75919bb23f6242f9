"""POST requests files a complaint through the Open311 channel."""

import datetime

import time_machine
from django.test import override_settings

from xiaoneng.complaints.identity import decrypt_identity
from xiaoneng.complaints.models import Channel, Complaint
from xiaoneng.open311.keys import do_revoke_api_key
from xiaoneng.open311.models import ServiceRequest
from xiaoneng.open311.tests.helpers import REPORTER, Open311TestCase, json_of, xml_of
from xiaoneng.trace.chain import events_for

SHANGHAI = datetime.timezone(datetime.timedelta(hours=8))


class FilingTests(Open311TestCase):
    def test_json_answer_has_id_token_and_notice(self):
        response = self.post()
        self.assertEqual(response.status_code, 201)
        [answer] = json_of(response)
        self.assertEqual(set(answer), {"service_request_id", "token", "service_notice", "account_id"})
        self.assertIn("13", answer["service_notice"])

    def test_xml_answer_element_names(self):
        root = xml_of(self.post("xml"))
        self.assertEqual(root.tag, "service_requests")
        self.assertEqual([child.tag for child in root.find("request")],
                         ["service_request_id", "token", "service_notice", "account_id"])

    def test_files_a_complaint_on_the_open311_channel(self):
        complaint = self.file(service_code="fees", **{"attribute[scope]": "enforcement"})
        self.assertEqual((complaint.channel, complaint.category, complaint.scope),
                         (Channel.OPEN311, "fees", "enforcement"))
        self.assertEqual(complaint.matter.state, "received")
        self.assertIn("办理营业执照拖了一个月", complaint.matter.description)
        self.assertIn("金湖县政务服务中心", complaint.matter.description)

    def test_id_is_the_matters_public_id_not_a_pk(self):
        answer = json_of(self.post())[0]
        complaint = Complaint.objects.get()
        self.assertEqual(answer["service_request_id"], complaint.matter.public_id)
        self.assertNotEqual(answer["service_request_id"], str(complaint.pk))

    def test_token_is_random_and_not_the_tracking_code(self):
        answer = json_of(self.post())[0]
        complaint = Complaint.objects.get()
        self.assertEqual(ServiceRequest.objects.get(complaint=complaint).token, answer["token"])
        self.assertNotIn(complaint.tracking_code, str(answer))

    def test_without_identity_the_complaint_is_anonymous(self):
        complaint = self.file()
        self.assertTrue(complaint.anonymous)
        self.assertEqual(decrypt_identity(complaint.identity).name, "")

    def test_identity_is_kept_encrypted(self):
        complaint = self.file(**REPORTER)
        self.assertFalse(complaint.anonymous)
        who = decrypt_identity(complaint.identity)
        self.assertEqual((who.name, who.phone, who.email), ("王小明", "13912345678", "wxm@example.cn"))
        self.assertNotIn(b"13912345678", bytes(complaint.identity))

    def test_name_without_phone_is_anonymous_but_kept(self):
        complaint = self.file(first_name="小明", last_name="王", email="wxm@example.cn")
        self.assertTrue(complaint.anonymous)
        self.assertEqual(decrypt_identity(complaint.identity).email, "wxm@example.cn")

    def test_latin_names_keep_their_order(self):
        complaint = self.file(first_name="Ann", last_name="Lee", phone="13900000000")
        self.assertEqual(decrypt_identity(complaint.identity).name, "Ann Lee")

    def test_lat_long_is_a_location(self):
        complaint = self.file(address_string="", lat="33.0123456", long="119.02")
        self.assertEqual(str(complaint.open311.lat), "33.012346")
        self.assertEqual(str(complaint.open311.long), "119.020000")

    def test_address_id_is_a_location(self):
        complaint = self.file(address_string="", address_id="JH-0042")
        self.assertEqual(complaint.open311.address_id, "JH-0042")

    def test_known_unit_is_the_accused_unit(self):
        complaint = self.file(**{"attribute[accused_unit]": "交通局"})
        self.assertEqual(complaint.accused_unit, self.unit_a)

    def test_unknown_unit_stays_in_the_text(self):
        complaint = self.file(**{"attribute[accused_unit]": "某某局"})
        self.assertIsNone(complaint.accused_unit)
        self.assertIn("某某局", complaint.matter.description)

    @time_machine.travel(datetime.datetime(2026, 3, 21, 10, 0, tzinfo=SHANGHAI), tick=False)
    def test_occurred_on_is_a_date(self):
        complaint = self.file(**{"attribute[occurred_on]": "2026-03-20T16:30:00+08:00"})
        self.assertEqual(complaint.occurred_on, datetime.date(2026, 3, 20))

    def test_received_event_starts_the_trace(self):
        complaint = self.file()
        self.assertEqual(events_for(complaint.matter).first().kind, "received")

    def test_key_records_its_use(self):
        self.file()
        self.key.refresh_from_db()
        self.assertIsNotNone(self.key.last_used_at)
        self.assertEqual(ServiceRequest.objects.get().api_key, self.key)


class KeyErrorTests(Open311TestCase):
    def test_missing_api_key_is_400(self):
        response = self.post(api_key=None)
        self.assertEqual(response.status_code, 400)
        self.assertIn("api_key", json_of(response)[0]["description"])

    def test_wrong_api_key_is_403(self):
        response = self.post("xml", api_key="o311_guess")
        self.assertEqual(response.status_code, 403)
        self.assertEqual(xml_of(response).findtext("error/code"), "403")

    def test_revoked_key_is_403(self):
        do_revoke_api_key(self.key)
        self.assertEqual(self.post().status_code, 403)
        self.assertFalse(Complaint.objects.exists())

    def test_staff_login_is_no_key(self):
        for user in (self.staff, self.admin, self.liaison_a):
            self.login(user)
            self.assertEqual(self.post(api_key=None).status_code, 400)
        self.assertFalse(Complaint.objects.exists())

    def test_key_in_the_query_string_is_not_read(self):
        response = self.client.post(f"/open311/v2/requests.json?api_key={self.plain_key}",
                                    self.form(api_key=None))
        self.assertEqual(response.status_code, 400)


class FormErrorTests(Open311TestCase):
    def assertRejected(self, status=400, **fields):
        for fmt in ("json", "xml"):
            response = self.post(fmt, **fields)
            self.assertEqual(response.status_code, status, response.content)
            body = json_of(response)[0] if fmt == "json" else xml_of(response).find("error")
            code = body["code"] if fmt == "json" else int(body.findtext("code"))
            self.assertEqual(code, status)
        self.assertFalse(Complaint.objects.exists())

    def test_unknown_service_code(self):
        self.assertRejected(service_code="potholes")

    def test_missing_service_code(self):
        self.assertRejected(service_code=None)

    def test_missing_location(self):
        self.assertRejected(address_string=None)

    def test_lat_without_long(self):
        self.assertRejected(address_string=None, lat="33.0")

    def test_lat_out_of_range(self):
        self.assertRejected(lat="91", long="119")

    def test_lat_not_a_number(self):
        self.assertRejected(lat="NaN", long="119")

    def test_missing_scope(self):
        self.assertRejected(**{"attribute[scope]": None})

    def test_unknown_scope(self):
        self.assertRejected(**{"attribute[scope]": "roads"})

    def test_missing_description(self):
        self.assertRejected(description="  ")

    def test_description_too_long(self):
        self.assertRejected(description="慢" * 4001)

    def test_bad_email(self):
        self.assertRejected(email="not-an-address")

    def test_bad_occurred_on(self):
        self.assertRejected(**{"attribute[occurred_on]": "2026-02-30"})

    def test_future_occurred_on(self):
        self.assertRejected(**{"attribute[occurred_on]": "2999-01-01"})

    def test_bad_name_length(self):
        self.assertRejected(first_name="明" * 31)

    def test_overlong_address(self):
        self.assertRejected(address_string="路" * 501)

    def test_control_characters_are_dropped(self):
        complaint = self.file(description="办理\x00拖延\x1b")
        self.assertIn("办理拖延", complaint.matter.description)


class RateLimitTests(Open311TestCase):
    @override_settings(XIAONENG_PUBLIC_SUBMIT_RATE="2/h")
    def test_third_post_from_one_address_is_429(self):
        self.assertEqual(self.post().status_code, 201)
        self.assertEqual(self.post(api_key="o311_wrong").status_code, 403)
        response = self.post("xml")
        self.assertEqual(response.status_code, 429)
        self.assertEqual(xml_of(response).findtext("error/code"), "429")
        self.assertTrue(int(response["Retry-After"]) > 0)
        self.assertEqual(Complaint.objects.count(), 1)

    @override_settings(XIAONENG_PUBLIC_SUBMIT_RATE="1/h")
    def test_other_addresses_are_counted_apart(self):
        self.assertEqual(self.post().status_code, 201)
        self.assertEqual(self.post().status_code, 429)
        response = self.client.post("/open311/v2/requests.json", self.form(), REMOTE_ADDR="10.0.0.9")
        self.assertEqual(response.status_code, 201)

    @override_settings(XIAONENG_PUBLIC_SUBMIT_RATE="1/h")
    def test_reads_are_not_limited(self):
        self.post()
        for _ in range(3):
            self.assertEqual(self.get("requests.json").status_code, 200)
