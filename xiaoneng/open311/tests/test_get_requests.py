"""GET requests: only what the center published, filtered as GeoReport v2 says."""

import datetime

import time_machine

from xiaoneng.complaints.actions import public_progress
from xiaoneng.matters.actions import do_assign_matter, do_reject_matter
from xiaoneng.open311.tests.helpers import Open311TestCase, json_of, xml_of

SHANGHAI = datetime.timezone(datetime.timedelta(hours=8))
FIELDS = ["service_request_id", "status", "status_notes", "service_name", "service_code", "description",
          "agency_responsible", "service_notice", "requested_datetime", "updated_datetime",
          "expected_datetime", "address", "address_id", "zipcode", "lat", "long", "media_url"]


def ids(response) -> list[str]:
    return [row["service_request_id"] for row in json_of(response)]


class ListTests(Open311TestCase):
    def test_empty_by_default(self):
        self.web_complaint()
        self.file()
        self.assertEqual(json_of(self.get("requests.json")), [])
        self.assertEqual(len(xml_of(self.get("requests.xml"))), 0)

    def test_published_complaint_is_listed_with_its_summary(self):
        complaint = self.web_complaint(public=True)
        [row] = json_of(self.get("requests.json"))
        self.assertEqual(list(row), FIELDS)
        self.assertEqual(row["service_request_id"], complaint.matter.public_id)
        self.assertEqual(row["description"], "某窗口服务态度问题，已督促整改")
        self.assertEqual((row["service_code"], row["service_name"]), ("attitude", "服务态度"))
        self.assertEqual(row["status"], "open")

    def test_xml_element_names(self):
        self.web_complaint(public=True)
        root = xml_of(self.get("requests.xml"))
        self.assertEqual(root.tag, "service_requests")
        self.assertEqual([child.tag for child in root.find("request")], FIELDS)

    def test_published_open311_request_shows_its_place(self):
        complaint = self.file(address_string="县政务中心三楼", lat="33.01", long="119.02")
        self.web_complaint(public=False)
        from xiaoneng.complaints.actions import do_set_public

        do_set_public(complaint, actor=self.staff, is_public=True, public_summary="办证拖延")
        root = xml_of(self.get("requests.xml"))
        request = root.find("request")
        self.assertEqual(request.findtext("address"), "县政务中心三楼")
        self.assertEqual(request.findtext("lat"), "33.010000")
        self.assertEqual(json_of(self.get("requests.json"))[0]["long"], 119.02)

    def test_filter_by_ids(self):
        first, second = self.web_complaint(public=True), self.web_complaint(public=True)
        self.web_complaint(public=True)
        response = self.get("requests.json",
                            service_request_id=f"{first.matter.public_id},{second.matter.public_id}")
        self.assertEqual(set(ids(response)), {first.matter.public_id, second.matter.public_id})

    def test_ids_do_not_reveal_unpublished_complaints(self):
        hidden = self.web_complaint()
        self.assertEqual(ids(self.get("requests.json", service_request_id=hidden.matter.public_id)), [])

    def test_filter_by_service_code(self):
        fees = self.web_complaint(public=True, category="fees")
        self.web_complaint(public=True, category="slow")
        self.assertEqual(ids(self.get("requests.json", service_code="fees")), [fees.matter.public_id])

    def test_filter_by_status(self):
        open_one, closed_one = self.web_complaint(public=True), self.web_complaint(public=True)
        do_reject_matter(closed_one.matter, actor=self.staff, reason="不属于效能投诉受理范围")
        self.assertEqual(ids(self.get("requests.json", status="closed")), [closed_one.matter.public_id])
        self.assertEqual(ids(self.get("requests.json", status="open")), [open_one.matter.public_id])
        self.assertEqual(len(ids(self.get("requests.json", status="open,closed"))), 2)

    def test_dates_filter_on_the_time_received(self):
        with time_machine.travel(datetime.datetime(2026, 3, 2, 9, 0, tzinfo=SHANGHAI), tick=False):
            march = self.web_complaint(public=True)
        with time_machine.travel(datetime.datetime(2026, 4, 2, 9, 0, tzinfo=SHANGHAI), tick=False):
            april = self.web_complaint(public=True)
            both = self.get("requests.json", start_date="2026-03-01T00:00:00+08:00")
            only_march = self.get("requests.json", start_date="2026-03-01", end_date="2026-03-02")
            after_april = self.get("requests.json", start_date="2026-04-02T01:30:00Z")
        self.assertEqual(ids(both), [april.matter.public_id, march.matter.public_id])
        self.assertEqual(ids(only_march), [march.matter.public_id])
        self.assertEqual(ids(after_april), [])

    def test_without_dates_only_the_last_90_days(self):
        with time_machine.travel(datetime.datetime(2026, 1, 1, 9, 0, tzinfo=SHANGHAI), tick=False):
            self.web_complaint(public=True)
        with time_machine.travel(datetime.datetime(2026, 4, 2, 9, 0, tzinfo=SHANGHAI), tick=False):
            self.assertEqual(ids(self.get("requests.json")), [])
            self.assertEqual(len(ids(self.get("requests.json", start_date="2026-01-01"))), 1)

    def test_second_page_is_empty_for_a_short_list(self):
        self.web_complaint(public=True)
        self.assertEqual(ids(self.get("requests.json", page="2")), [])


class ListErrorTests(Open311TestCase):
    def assertBad(self, **params):
        for fmt in ("json", "xml"):
            response = self.get(f"requests.{fmt}", **params)
            self.assertEqual(response.status_code, 400, params)
        self.assertEqual(xml_of(response).findtext("error/code"), "400")

    def test_unreadable_start_date(self):
        self.assertBad(start_date="yesterday")

    def test_impossible_end_date(self):
        self.assertBad(end_date="2026-02-30T00:00:00+08:00")

    def test_start_after_end(self):
        self.assertBad(start_date="2026-03-02", end_date="2026-03-01")

    def test_out_of_range_year(self):
        self.assertBad(start_date="0001-01-01T00:00:00+08:00")

    def test_unknown_status(self):
        self.assertBad(status="pending")

    def test_unknown_service_code(self):
        self.assertBad(service_code="slow,potholes")

    def test_bad_page(self):
        self.assertBad(page="0")
        self.assertBad(page="١")


class StatusMappingTests(Open311TestCase):
    def row(self, complaint) -> dict:
        return json_of(self.get(f"requests/{complaint.matter.public_id}.json"))[0]

    def test_received_is_open_without_agency(self):
        complaint = self.web_complaint()
        row = self.row(complaint)
        self.assertEqual((row["status"], row["agency_responsible"], row["expected_datetime"]),
                         ("open", "", None))
        self.assertEqual(row["status_notes"], public_progress(complaint)[-1].text)

    @time_machine.travel(datetime.datetime(2026, 3, 2, 9, 0, tzinfo=SHANGHAI), tick=False)
    def test_assigned_names_the_unit_and_the_deadline(self):
        complaint = self.web_complaint()
        do_assign_matter(complaint.matter, actor=self.staff, unit=self.unit_a)
        row = self.row(complaint)
        self.assertEqual(row["status"], "open")
        self.assertEqual(row["agency_responsible"], "县交通运输局")
        complaint.matter.refresh_from_db()
        self.assertEqual(row["expected_datetime"], f"{complaint.matter.deadline.isoformat()}T23:59:59+08:00")
        self.assertIn("县交通运输局", row["status_notes"])

    def test_rejected_is_closed(self):
        complaint = self.web_complaint()
        do_reject_matter(complaint.matter, actor=self.staff, reason="重复投诉")
        row = self.row(complaint)
        self.assertEqual((row["status"], row["expected_datetime"]), ("closed", None))

    def test_updated_is_the_last_step(self):
        with time_machine.travel(datetime.datetime(2026, 3, 2, 9, 0, tzinfo=SHANGHAI), tick=False):
            complaint = self.web_complaint()
        with time_machine.travel(datetime.datetime(2026, 3, 3, 15, 30, tzinfo=SHANGHAI), tick=False):
            do_assign_matter(complaint.matter, actor=self.staff, unit=self.unit_b)
        row = self.row(complaint)
        self.assertEqual(row["requested_datetime"], "2026-03-02T09:00:00+08:00")
        self.assertEqual(row["updated_datetime"], "2026-03-03T15:30:00+08:00")


class OddIdTests(Open311TestCase):
    def test_ids_no_request_can_have_match_nothing(self):
        self.web_complaint(public=True)
        self.assertEqual(ids(self.get("requests.json", service_request_id="a\x00b,%,' or 1=1")), [])
