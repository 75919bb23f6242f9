"""Shared pytest configuration: hypothesis profiles, the browser fixtures, test logins."""

import os

from hypothesis import settings

pytest_plugins = ["xiaoneng.testing_browser"]  # `browser` and `outbound` for the browser tests

settings.register_profile("ci", max_examples=200, deadline=None)
settings.register_profile("dev", max_examples=50, deadline=None)
settings.load_profile("ci" if os.environ.get("CI") else "dev")

# Tests never touch a developer's ./var: each run gets its own data dir.
if "XIAONENG_DATA_DIR" not in os.environ:
    import tempfile

    os.environ["XIAONENG_DATA_DIR"] = tempfile.mkdtemp(prefix="xiaoneng-test-")


def pytest_configure(config):
    # Hashing passwords properly is deliberately slow; tests create many accounts.
    from django.conf import settings as django_settings

    django_settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

    # force_login stands for a complete login, second factor included (xiaoneng.testing).
    from django.test import Client

    from xiaoneng.testing import pass_second_factor

    plain_force_login = Client.force_login

    def force_login(self, user, backend=None):
        plain_force_login(self, user, backend)
        pass_second_factor(self, user)

    Client.force_login = force_login
