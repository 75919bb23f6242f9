"""Local stand-ins for the external services, on 127.0.0.1 only: an SMTP server (aiosmtpd)
and an HTTP server for the SMS gateway and the WeChat work webhooks, each recording what it got."""

from __future__ import annotations

import email
import json
import socket
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from aiosmtpd.controller import Controller


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class _Recorder:
    def __init__(self) -> None:
        self.messages: list[email.message.Message] = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        with self.lock:
            self.messages.append(email.message_from_bytes(envelope.original_content or envelope.content))
        return "250 OK"


class SMTPStandIn:
    def __enter__(self) -> SMTPStandIn:
        self.recorder = _Recorder()
        self.port = free_port()
        self.controller = Controller(self.recorder, hostname="127.0.0.1", port=self.port)
        self.controller.start()
        return self

    def __exit__(self, *exc) -> None:
        self.controller.stop()

    @property
    def messages(self) -> list[email.message.Message]:
        return self.recorder.messages


@dataclass
class Received:
    path: str
    headers: dict[str, str]
    body: dict


@dataclass
class HTTPStandIn:
    """Answers every POST with `status` and `answer` (JSON) and records it."""

    status: int = 200
    answer: dict = field(default_factory=lambda: {"errcode": 0, "errmsg": "ok"})
    requests: list[Received] = field(default_factory=list)

    def __enter__(self) -> HTTPStandIn:
        standin = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 (http.server's name)
                length = int(self.headers.get("Content-Length", 0))
                body = json.loads(self.rfile.read(length) or b"{}")
                with lock:
                    standin.requests.append(Received(self.path, dict(self.headers.items()), body))
                payload = json.dumps(standin.answer).encode()
                self.send_response(standin.status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, *args) -> None:
                pass

        lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()

    def url(self, path: str = "/") -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}{path}"

    def keys(self) -> list[str]:
        return [r.headers.get("Idempotency-Key", "") for r in self.requests]
