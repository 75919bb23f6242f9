"""requests/{id} and tokens/{token}: found by their random ids, never telling what is not public."""

from xiaoneng.complaints.actions import do_mark_duplicate, do_set_public
from xiaoneng.open311.tests.helpers import Open311TestCase, json_of, xml_of


class DetailTests(Open311TestCase):
    def test_unpublished_request_has_no_text_and_no_place(self):
        complaint = self.file(lat="33.01", long="119.02")
        [row] = json_of(self.get(f"requests/{complaint.matter.public_id}.json"))
        self.assertEqual(row["description"], "")
        self.assertEqual((row["address"], row["lat"], row["long"]), ("", None, None))
        self.assertEqual(row["service_code"], "slow")

    def test_published_request_shows_the_summary_not_the_reporters_words(self):
        complaint = self.web_complaint(public=True)
        response = self.get(f"requests/{complaint.matter.public_id}.xml")
        self.assertEqual(xml_of(response).findtext("request/description"), "某窗口服务态度问题，已督促整改")
        self.assertNotIn("窗口人员态度恶劣", response.content.decode())

    def test_xml_element_names(self):
        complaint = self.web_complaint()
        root = xml_of(self.get(f"requests/{complaint.matter.public_id}.xml"))
        self.assertEqual(root.tag, "service_requests")
        self.assertEqual(root.find("request").findtext("service_request_id"), complaint.matter.public_id)

    def test_withdrawn_publication_hides_the_text_again(self):
        complaint = self.web_complaint(public=True)
        do_set_public(complaint, actor=self.staff, is_public=False)
        row = json_of(self.get(f"requests/{complaint.matter.public_id}.json"))[0]
        self.assertEqual(row["description"], "")

    def test_pk_is_not_an_id(self):
        complaint = self.web_complaint()
        self.assertEqual(self.get(f"requests/{complaint.pk}.json").status_code, 404)
        self.assertEqual(self.get(f"requests/{complaint.matter.pk}.xml").status_code, 404)

    def test_tracking_code_is_not_an_id(self):
        complaint = self.web_complaint()
        self.assertEqual(self.get(f"requests/{complaint.tracking_code}.json").status_code, 404)

    def test_unknown_id_is_404_in_both_formats(self):
        self.assertEqual(json_of(self.get("requests/ZZZZ.json"))[0]["code"], 404)
        self.assertEqual(xml_of(self.get("requests/ZZZZ.xml")).findtext("error/code"), "404")

    def test_duplicate_names_the_original_by_its_id_not_its_tracking_code(self):
        original, repeat = self.web_complaint(), self.web_complaint()
        do_mark_duplicate(repeat, actor=self.staff, original=original)
        body = self.get(f"requests/{repeat.matter.public_id}.json").content.decode()
        self.assertNotIn(original.tracking_code, body)
        self.assertNotIn(repeat.tracking_code, body)
        self.assertEqual(json_of(self.get(f"requests/{repeat.matter.public_id}.json"))[0]["status"], "closed")


class TokenTests(Open311TestCase):
    def test_token_gives_the_id_in_json(self):
        answer = json_of(self.post())[0]
        [row] = json_of(self.get(f"tokens/{answer['token']}.json"))
        self.assertEqual(row, {"service_request_id": answer["service_request_id"], "token": answer["token"]})

    def test_token_gives_the_id_in_xml(self):
        answer = json_of(self.post())[0]
        root = xml_of(self.get(f"tokens/{answer['token']}.xml"))
        self.assertEqual(root.tag, "service_requests")
        self.assertEqual([child.tag for child in root.find("request")], ["service_request_id", "token"])
        self.assertEqual(root.findtext("request/service_request_id"), answer["service_request_id"])

    def test_unknown_token_is_404(self):
        self.assertEqual(self.get("tokens/nope.json").status_code, 404)
        self.assertEqual(xml_of(self.get("tokens/nope.xml")).findtext("error/code"), "404")

    def test_tracking_code_is_not_a_token(self):
        complaint = self.file()
        self.assertEqual(self.get(f"tokens/{complaint.tracking_code}.json").status_code, 404)

    def test_web_complaints_have_no_token(self):
        self.web_complaint()
        self.assertFalse(self.get("tokens/.json").status_code == 200)
