import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from xiaoneng.audit.models import AuditEntry
from xiaoneng.complaints.models import Complaint
from xiaoneng.complaints.tests.workorders_helpers import NOW, SAMPLE_XLSX, order, xlsx_file
from xiaoneng.testing import XiaonengTestCase, make_user

URL = "/complaints/import/"


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


@time_machine.travel(NOW, tick=False)
class ImportScreenTests(XiaonengTestCase):
    def post(self, data: bytes, name="orders.xlsx", commit=True, **extra):
        button = {"commit": "1"} if commit else {"check": "1"}
        return self.client.post(URL, {"file": upload(name, data), **button, **extra})

    def test_url_name(self):
        self.assertEqual(reverse("complaints:import"), URL)

    def test_anonymous_is_sent_to_login(self):
        response = self.client.get(URL)
        self.assertEqual(response.status_code, 302)
        self.assertIn("/login/", response["Location"])

    def test_center_admin_and_staff_may_open_it(self):
        for user in (self.admin, self.staff):
            self.login(user)
            self.assertContains(self.client.get(URL), "导入12345工单", msg_prefix=user.username)

    def test_every_other_role_is_refused(self):
        others = [self.liaison_a, self.liaison_b, self.section_liaison, self.head_a, self.supervisor,
                  self.leader]
        others += [make_user(role, role) for role in ("unit_staff", "confirmer", "system_admin",
                                                       "security_admin", "audit_admin")]
        for user in others:
            self.login(user)
            self.assertEqual(self.client.get(URL).status_code, 403, user.username)
            self.assertEqual(self.post(SAMPLE_XLSX.read_bytes()).status_code, 403, user.username)
        self.assertEqual(Complaint.objects.count(), 0)

    def test_check_writes_nothing(self):
        self.login(self.staff)
        response = self.post(SAMPLE_XLSX.read_bytes(), commit=False)
        self.assertContains(response, "全部 4 条工单正确")
        self.assertEqual(Complaint.objects.count(), 0)

    def test_import_writes_and_audits_the_user(self):
        self.login(self.staff)
        response = self.post(SAMPLE_XLSX.read_bytes())
        self.assertContains(response, "已导入 4 条工单")
        self.assertEqual(Complaint.objects.count(), 4)
        self.assertEqual(AuditEntry.objects.get(action="data.import").actor, self.staff)

    def test_row_errors_are_listed_in_chinese(self):
        self.login(self.staff)
        response = self.post(xlsx_file([order("GD1", unit="县不存在局")]).getvalue())
        self.assertContains(response, "没有名为县不存在局的单位")
        self.assertEqual(Complaint.objects.count(), 0)

    def test_second_import_shows_unchanged(self):
        self.login(self.staff)
        self.post(SAMPLE_XLSX.read_bytes())
        self.assertContains(self.post(SAMPLE_XLSX.read_bytes()), "未变", count=4)

    def test_other_file_types_are_refused(self):
        self.login(self.staff)
        self.assertContains(self.post(b"a,b", name="orders.csv"), "请上传 .xlsx 或 .json 文件")

    def test_custom_mapping_upload(self):
        self.login(self.staff)
        mapping = upload("m.toml", '[columns]\nexternal_ref = ["单号"]\n'.encode())
        rows = [{("单号" if key == "工单编号" else key): value for key, value in order("X9").items()}]
        self.post(xlsx_file(rows).getvalue(), mapping=mapping)
        self.assertEqual(Complaint.objects.get().external_ref, "X9")

    def test_bad_mapping_upload_is_a_form_error(self):
        self.login(self.staff)
        response = self.post(SAMPLE_XLSX.read_bytes(), mapping=upload("m.toml", b"[columns\n"))
        self.assertContains(response, "映射文件无法使用")
        self.assertEqual(Complaint.objects.count(), 0)
