"""A complaint against unit_a with a known reporter, for the tests of this app."""

from xiaoneng.complaints.actions import do_file_complaint
from xiaoneng.complaints.models import Category, Channel, Scope
from xiaoneng.matters.actions import do_assign_matter
from xiaoneng.testing import XiaonengTestCase

NAME, PHONE, EMAIL, ID_NUMBER = "王小明", "13912345678", "wxm@example.cn", "320831199001011234"
TEXT = "窗口工作人员要求额外材料，拖了三周不办。"


class ComplaintTestCase(XiaonengTestCase):
    def file(self, *, assign: bool = False, **extra):
        fields = {"category": Category.SLOW, "scope": Scope.APPROVAL, "description": TEXT,
                  "accused_unit": self.unit_a, "anonymous": False, "name": NAME, "phone": PHONE,
                  "email": EMAIL, "id_number": ID_NUMBER, "channel": Channel.HOTLINE, "actor": self.staff}
        complaint, secret = do_file_complaint(**(fields | extra))
        if assign:
            do_assign_matter(complaint.matter, actor=self.staff, unit=self.unit_a)
            complaint.refresh_from_db()
        return complaint, secret

    def complaint(self, **extra):
        return self.file(**extra)[0]

    def reload(self, complaint):
        complaint.refresh_from_db()
        complaint.matter.refresh_from_db()
        return complaint
