from unittest import mock

from django.urls import reverse

from xiaoneng.testing import XiaonengTestCase
from xiaoneng.web import nav


class NavigationTests(XiaonengTestCase):
    def setUp(self):
        # Each test registers into empty lists, so the apps' own links do not interfere.
        staff, public = mock.patch.object(nav, "_STAFF", []), mock.patch.object(nav, "_PUBLIC", [])
        staff.start(), public.start()
        self.addCleanup(staff.stop)
        self.addCleanup(public.stop)

    def test_staff_link_shown_only_with_every_permission(self):
        nav.staff_link("org:import", "AUDIT-LINK", perms=("org.manage_reference_data",))
        self.client.force_login(self.admin)
        self.assertContains(self.client.get(reverse("web:home")), "AUDIT-LINK")
        self.client.force_login(self.liaison_a)
        self.assertNotContains(self.client.get(reverse("web:home")), "AUDIT-LINK")

    def test_links_follow_their_order_and_are_registered_once(self):
        nav.staff_link("org:unit_list", "SECOND", order=20)
        nav.staff_link("matters:list", "FIRST", order=10)
        nav.staff_link("org:unit_list", "SECOND-AGAIN", order=5)
        self.assertEqual([link["label"] for link in nav.staff_links_for(self.admin)], ["FIRST", "SECOND"])

    def test_a_link_to_a_missing_route_is_left_out_not_an_error(self):
        nav.public_link("nowhere:at_all", "GHOST")
        nav.public_link("public:notice_list", "NOTICES-LINK")
        page = self.client.get(reverse("public:home"))
        self.assertContains(page, "NOTICES-LINK")
        self.assertNotContains(page, "GHOST")

    def test_anonymous_visitors_get_no_staff_links(self):
        nav.staff_link("org:unit_list", "UNITS")
        from django.contrib.auth.models import AnonymousUser

        self.assertEqual(nav.staff_links_for(AnonymousUser()), [])

    def test_embedded_public_pages_show_no_navigation(self):
        nav.public_link("public:notice_list", "NOTICES-LINK")
        self.assertNotContains(self.client.get(reverse("public:home") + "?embed=1"), "NOTICES-LINK")
