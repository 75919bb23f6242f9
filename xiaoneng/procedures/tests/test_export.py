import io
import json
import zipfile

from django.core.files.base import ContentFile

from xiaoneng.procedures.actions import do_complete_step
from xiaoneng.procedures.export import export_case
from xiaoneng.procedures.tests.base import ProcedureTestCase, evidence_for
from xiaoneng.trace.chain import events_for
from xiaoneng.trace.tests.helpers import raw_update_event


class Export(ProcedureTestCase):
    def setUp(self):
        self.case = self.run_steps(self.open(), 1)
        step = self.step(self.penalty, 2)
        evidence = [*evidence_for(step), ("photo_or_video", ContentFile(b"\xff\xd8photo", name="现场.jpg"))]
        do_complete_step(self.case, step, actor=self.staff_a, evidence=evidence)

    def archive(self):
        out = io.BytesIO()
        export_case(self.case, out)
        return zipfile.ZipFile(io.BytesIO(out.getvalue()))

    def test_contents(self):
        names = set(self.archive().namelist())
        self.assertTrue({"manifest.json", "summary.html", "trace/events.json",
                         "trace/verification.json"} <= names)
        self.assertIn("evidence/003-1-现场.jpg", names)

    def test_evidence_bytes(self):
        self.assertEqual(self.archive().read("evidence/003-1-现场.jpg"), b"\xff\xd8photo")

    def test_manifest_lists_every_file(self):
        archive = self.archive()
        manifest = json.loads(archive.read("manifest.json"))
        self.assertEqual(sorted(manifest["files"]), sorted(n for n in archive.namelist()
                                                            if n.startswith("evidence/")))
        self.assertEqual([s["performer"] for s in manifest["steps"][:3]], ["staff_a", "staff_a", None])

    def test_trace_verifies(self):
        archive = self.archive()
        self.assertEqual(json.loads(archive.read("trace/verification.json"))["verified"], True)
        events = json.loads(archive.read("trace/events.json"))
        self.assertEqual([e["seq"] for e in events], [1, 2, 3])
        self.assertEqual(events[2]["hash"], events_for(self.case).get(seq=3).hash)

    def test_tampering_shows(self):
        event = events_for(self.case).get(seq=2)
        raw_update_event(event, kind="edited")
        verification = json.loads(self.archive().read("trace/verification.json"))
        self.assertFalse(verification["verified"])
        self.assertIn("altered", verification["problems"][0])

    def test_summary_names_steps(self):
        summary = self.archive().read("summary.html").decode()
        self.assertIn("调查", summary)
        self.assertIn(self.case.public_id, summary)
