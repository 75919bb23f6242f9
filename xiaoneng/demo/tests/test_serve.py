"""`xiaoneng serve` and `xiaoneng demo` as a user runs them: real processes on a free loopback port."""

import http.cookiejar
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest

from xiaoneng.web.management.commands.serve import server_options

CLI = [sys.executable, "-c", "from xiaoneng.cli import main; main()"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def environment(data_dir) -> dict:
    env = dict(os.environ, XIAONENG_DATA_DIR=str(data_dir), XIAONENG_LOG_LEVEL="WARNING")
    env.pop("DATABASE_URL", None)
    return env


def run(data_dir, *args) -> subprocess.CompletedProcess:
    return subprocess.run([*CLI, *args], env=environment(data_dir), capture_output=True, text=True,
                          timeout=180)


def start(data_dir, *args) -> subprocess.Popen:
    return subprocess.Popen([*CLI, *args], env=environment(data_dir), stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)


def wait_until_up(process: subprocess.Popen, url: str, limit: float = 90) -> int:
    """Poll `url` until it answers; the status, or None if the server died or never answered."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline and process.poll() is None:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return response.status
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.2)
    return None


def stop(process: subprocess.Popen) -> str:
    process.terminate()
    try:
        output, _ = process.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        output, _ = process.communicate()
    return output


def test_serve_refuses_a_database_with_pending_migrations(tmp_path):
    result = run(tmp_path, "serve", "--port", str(free_port()))
    assert result.returncode != 0
    assert "xiaoneng migrate" in result.stderr


def test_server_options_are_gunicorn_with_threads():
    options = server_options("127.0.0.1", 8000, 2, 4)
    assert options["bind"] == ["127.0.0.1:8000"]
    assert (options["workers"], options["threads"], options["worker_class"]) == (2, 4, "gthread")
    assert server_options("::1", 8000, 1, 1)["bind"] == ["[::1]:8000"]


def test_serve_rejects_a_bad_port(tmp_path):
    result = run(tmp_path, "serve", "--port", "70000")
    assert result.returncode == 2
    assert "port" in result.stderr


@pytest.mark.slow
def test_serve_answers_healthz(tmp_path):
    assert run(tmp_path, "migrate", "-v0").returncode == 0
    port = free_port()
    process = start(tmp_path, "serve", "--port", str(port), "--workers", "1")
    try:
        assert wait_until_up(process, f"http://127.0.0.1:{port}/healthz") == 200
    finally:
        output = stop(process)
    assert "gunicorn" in output
    assert (tmp_path / "static" / "admin").is_dir()  # collectstatic ran into the data dir


def log_in(port: int, username: str, password: str) -> str:
    """Log in through the real login form; the path the browser lands on."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    url = f"http://127.0.0.1:{port}/login/"
    opener.open(url, timeout=10).read()
    token = next(cookie.value for cookie in jar if cookie.name == "csrftoken")
    data = urllib.parse.urlencode({"username": username, "password": password,
                                   "csrfmiddlewaretoken": token}).encode()
    request = urllib.request.Request(url, data=data, headers={"Referer": url})
    with opener.open(request, timeout=10) as response:
        return urllib.parse.urlparse(response.url).path


@pytest.mark.slow
def test_demo_loads_serves_and_its_accounts_log_in(tmp_path):
    port = free_port()
    process = start(tmp_path, "demo", "--port", str(port), "--workers", "1")
    try:
        assert wait_until_up(process, f"http://127.0.0.1:{port}/healthz") == 200
        assert log_in(port, "jtj_liaison", "xiaoneng-demo") == "/"
        assert log_in(port, "jtj_liaison", "wrong-password") == "/login/"
    finally:
        output = stop(process)
    assert f"http://127.0.0.1:{port}" in output
    assert "center_admin" in output


@pytest.mark.slow
def test_demo_rerun_reset_and_password_check(tmp_path):
    first = run(tmp_path, "demo", "--no-serve")
    assert first.returncode == 0, first.stderr
    again = run(tmp_path, "demo", "--no-serve")
    assert "--reset" in again.stdout
    reset = run(tmp_path, "demo", "--no-serve", "--reset", "--seed", "5")
    assert reset.returncode == 0, reset.stderr
    assert "53" in reset.stdout
    assert first.stdout.split("center_admin")[1][:12] != reset.stdout.split("center_admin")[1][:12]
    short = run(tmp_path, "demo", "--no-serve", "--password", "short")
    assert short.returncode == 2


def test_embedded_gunicorn_takes_our_settings():
    from xiaoneng.web.management.commands.serve import XiaonengServer
    from xiaoneng.wsgi import application

    server = XiaonengServer(server_options("127.0.0.1", 8123, 3, 2))
    assert (server.cfg.workers, server.cfg.threads) == (3, 2)
    assert server.cfg.bind == ["127.0.0.1:8123"]
    assert server.load() is application
