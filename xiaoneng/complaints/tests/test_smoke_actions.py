from xiaoneng.complaints.actions import do_file_complaint, do_view_identity, find_by_tracking
from xiaoneng.complaints.models import Category, Scope
from xiaoneng.matters.actions import do_assign_matter, do_reply_matter, do_sign_matter, do_verify_matter
from xiaoneng.scoring.models import ScoreProposal
from xiaoneng.testing import XiaonengTestCase


class SmokeTests(XiaonengTestCase):
    def test_file_assign_sign_reply_verify(self):
        c, secret = do_file_complaint(category=Category.SLOW, scope=Scope.APPROVAL, description="办证太慢",
                                      anonymous=False, name="张三", phone="13800000000", actor=self.staff)
        assert find_by_tracking(c.tracking_code, secret) == c
        assert do_view_identity(c, actor=self.staff).name == "张三"
        m = do_assign_matter(c.matter, actor=self.staff, unit=self.unit_a)
        do_sign_matter(m, actor=self.liaison_a)
        do_reply_matter(m, actor=self.liaison_a, reply="已办")
        do_verify_matter(m, actor=self.staff, verdict="substantiated")
        assert ScoreProposal.objects.count() == 1
