"""What every Open311 test needs: a client key, a form that files, and parsed answers."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

from xiaoneng.complaints.actions import do_file_complaint, do_set_public
from xiaoneng.complaints.models import Channel, Complaint
from xiaoneng.open311.keys import do_create_api_key
from xiaoneng.testing import XiaonengTestCase

BASE = "/open311/v2/"
REPORTER = {"first_name": "小明", "last_name": "王", "phone": "13912345678", "email": "wxm@example.cn"}


class Open311TestCase(XiaonengTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.key, cls.plain_key = do_create_api_key("城市通 App")

    def form(self, **fields) -> dict:
        data = {"api_key": self.plain_key, "service_code": "slow", "attribute[scope]": "approval",
                "description": "办理营业执照拖了一个月", "address_string": "金湖县政务服务中心"}
        data.update(fields)
        return {k: v for k, v in data.items() if v is not None}

    def post(self, fmt: str = "json", **fields):
        return self.client.post(f"{BASE}requests.{fmt}", self.form(**fields))

    def get(self, path: str, **params):
        return self.client.get(BASE + path, params)

    def file(self, **fields) -> Complaint:
        response = self.post(**fields)
        assert response.status_code == 201, response.content
        return Complaint.objects.get(matter__public_id=response.json()[0]["service_request_id"])

    def web_complaint(self, *, public: bool = False, **extra) -> Complaint:
        fields = {"category": "attitude", "scope": "public_service", "description": "窗口人员态度恶劣",
                  "anonymous": False, "name": "李四", "phone": "13800001111", "channel": Channel.WEB}
        fields.update(extra)
        complaint, _secret = do_file_complaint(**fields)
        if public:
            complaint = do_set_public(complaint, actor=self.staff, is_public=True,
                                      public_summary="某窗口服务态度问题，已督促整改")
        return complaint


def xml_of(response) -> ET.Element:
    assert response["Content-Type"].startswith("text/xml"), response["Content-Type"]
    return ET.fromstring(response.content)


def json_of(response):
    assert response["Content-Type"].startswith("application/json"), response["Content-Type"]
    return json.loads(response.content)
