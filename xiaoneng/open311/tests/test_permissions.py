"""Every endpoint is public; only POST needs a client key, and no login adds anything."""

from xiaoneng.open311.tests.helpers import Open311TestCase


class RoleTests(Open311TestCase):
    def users(self):
        return [None, self.admin, self.staff, self.liaison_a, self.liaison_b, self.section_liaison,
                self.head_a, self.supervisor, self.leader]

    def test_every_role_reads_the_same_answers(self):
        complaint = self.file()
        sid, token = complaint.matter.public_id, complaint.open311.token
        paths = ["discovery.json", "services.xml", "services/slow.json", "requests.xml",
                 f"requests/{sid}.json", f"tokens/{token}.xml"]
        expected = {path: self.get(path).content for path in paths}
        for user in self.users():
            self.client.logout()
            if user is not None:
                self.login(user)
            for path in paths:
                response = self.get(path)
                self.assertEqual(response.status_code, 200, (user, path))
                self.assertEqual(response.content, expected[path], (user, path))

    def test_no_role_posts_without_a_key(self):
        for user in self.users():
            self.client.logout()
            if user is not None:
                self.login(user)
            self.assertEqual(self.post(api_key=None).status_code, 400, user)
            self.assertEqual(self.post(api_key="staff-password").status_code, 403, user)

    def test_every_role_posts_with_a_key_as_the_public(self):
        self.login(self.staff)
        complaint = self.file()
        self.assertIsNone(complaint.matter.created_by)
        self.assertTrue(complaint.anonymous)
