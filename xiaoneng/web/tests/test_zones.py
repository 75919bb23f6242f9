"""The public zone serves the public pages and APIs and nothing staff use."""

from django.test import override_settings
from django.urls import URLPattern, URLResolver, get_resolver

from xiaoneng.testing import XiaonengTestCase

PUBLIC_NAMESPACES = {"public", "open311"}  # plus every "public_<mechanism>" namespace


def routes(urlconf: str) -> list[tuple[str, str]]:
    """(namespace path, route) of every pattern, walking includes."""
    found = []

    def walk(patterns, namespace: str, prefix: str) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = ":".join(filter(None, [namespace, pattern.namespace or ""]))
                walk(pattern.url_patterns, inner, prefix + str(pattern.pattern))
            elif isinstance(pattern, URLPattern):
                found.append((namespace, prefix + str(pattern.pattern)))

    walk(get_resolver(urlconf).url_patterns, "", "")
    return found


def is_public(namespace: str) -> bool:
    top = namespace.split(":")[0]
    return top in PUBLIC_NAMESPACES or top.startswith("public_")


class PublicZoneRouteTests(XiaonengTestCase):
    def test_only_public_routes_are_in_the_public_zone(self):
        extra = [(ns, route) for ns, route in routes("xiaoneng.urls_public")
                 if not is_public(ns) and route not in {"", "healthz"}]
        self.assertEqual(extra, [])

    def test_every_public_route_is_served_by_the_internal_zone_too(self):
        internal = set(routes("xiaoneng.urls"))
        public = {r for r in routes("xiaoneng.urls_public") if is_public(r[0])}
        self.assertTrue(public)
        self.assertLessEqual(public, internal)

    def test_internal_public_namespaces_are_all_in_the_public_zone(self):
        internal = {r for r in routes("xiaoneng.urls") if is_public(r[0])}
        self.assertEqual(internal, {r for r in routes("xiaoneng.urls_public") if is_public(r[0])})


@override_settings(ROOT_URLCONF="xiaoneng.urls_public")
class PublicZoneRequestTests(XiaonengTestCase):
    def test_staff_routes_are_not_found_even_when_logged_in(self):
        self.client.force_login(self.admin)
        for url in ("/login/", "/logout/", "/admin/", "/matters/", "/complaints/", "/audit/",
                    "/api/v1/openapi.json", "/dashboard/", "/org/units/"):
            with self.subTest(url):
                self.assertEqual(self.client.get(url).status_code, 404)

    def test_public_pages_and_apis_answer(self):
        self.assertRedirects(self.client.get("/"), "/public/", fetch_redirect_response=False)
        for url in ("/public/", "/public/complaints/new/", "/public/notices/", "/healthz",
                    "/open311/v2/services.json"):
            with self.subTest(url):
                self.assertEqual(self.client.get(url).status_code, 200)

    def test_the_public_pages_offer_no_staff_login(self):
        page = self.client.get("/public/")
        self.assertNotContains(page, "/login/")


class InternalZoneTests(XiaonengTestCase):
    def test_the_internal_zone_links_the_staff_login(self):
        self.assertContains(self.client.get("/public/"), 'href="/login/"')
