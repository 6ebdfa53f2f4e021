"""Two app servers, one database and one media root (issue 10, "scale-out"; docs/architecture.md,
"Scale-out"): two gunicorn processes, each with its own memory, serve one browser that a load
balancer would send to either. What one server does, the other sees at once: the session it
made, the message it left, the document it stored, the change it wrote, and the sign-out it
did. The servers run the production settings (tests/core/scale_out_settings.py) on the test
database: on SQLite a file copy of it, on PostgreSQL the test database itself."""

from __future__ import annotations

import http.client
import os
import re
import socket
import sqlite3
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import quote, urlencode

import pytest
from django.db import connection
from django.urls import reverse

from tests.candidacy.workflow import PDF_BYTES

ROOT = Path(__file__).resolve().parents[2]
HOST = "cfc.example.org"  # the name the load balancer answers to, the same for both servers
ATTACHED = "The document was attached."

pytestmark = pytest.mark.django_db(transaction=True)


def shared_database_url(directory: Path) -> str:
    """A database URL that other processes can open onto the test database's rows."""
    connection.ensure_connection()
    if connection.vendor == "sqlite":  # the test database lives in this process's memory
        path = directory / "shared.sqlite3"
        copy = sqlite3.connect(path)
        connection.connection.backup(copy)
        copy.close()
        return f"sqlite:///{path}"
    database = connection.settings_dict
    credentials = quote(database["USER"] or "")
    if database["PASSWORD"]:
        credentials += ":" + quote(database["PASSWORD"])
    at = f"{credentials}@" if credentials else ""
    host = database["HOST"] or "localhost"
    port = f":{database['PORT']}" if database["PORT"] else ""
    return f"postgres://{at}{host}{port}/{database['NAME']}"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Answer:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode()


class AppServer:
    """One gunicorn (one sync worker, so one process's memory) on a port of its own."""

    def __init__(self, name: str, environment: dict, log: Path):
        self.name = name
        self.port = free_port()
        gunicorn = str(Path(sys.executable).parent / "gunicorn")
        self.log = log.open("w")
        self.process = subprocess.Popen(  # noqa: S603 - fixed arguments
            [gunicorn, "cfc_portal.wsgi", "-w", "1", "-b", f"127.0.0.1:{self.port}"]
            + ["--no-control-socket", "--log-level", "warning"],
            cwd=ROOT,
            env=environment,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )

    def request(self, method: str, path: str, *, headers: dict, body: bytes = b"") -> Answer:
        client = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        try:
            client.request(method, path, body=body or None, headers=headers)
            response = client.getresponse()
            return Answer(response.status, response.headers, response.read())
        finally:
            client.close()

    def wait_until_up(self, seconds: float = 90) -> None:
        deadline = time.monotonic() + seconds
        while True:
            assert self.process.poll() is None, f"{self.name} stopped: see {self.log.name}"
            try:
                if self.request("GET", "/healthz", headers={"Host": HOST}).status == 200:
                    return
            except OSError:
                pass
            assert time.monotonic() < deadline, f"{self.name} did not start: see {self.log.name}"
            time.sleep(0.2)

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)
        self.log.close()


class Browser:
    """One visitor's cookies, sent to whichever server answers, as through a load balancer
    that terminates HTTPS (X-Forwarded-Proto) in front of both."""

    def __init__(self):
        self.cookies: dict[str, str] = {}

    def _headers(self, extra: dict | None = None) -> dict:
        headers = {"Host": HOST, "X-Forwarded-Proto": "https", "X-Forwarded-For": "192.0.2.7"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        return headers | (extra or {})

    def _keep(self, answer: Answer) -> Answer:
        for header in answer.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                if morsel.value and morsel["max-age"] != "0":
                    self.cookies[name] = morsel.value
                else:
                    self.cookies.pop(name, None)
        return answer

    def get(self, server: AppServer, path: str) -> Answer:
        return self._keep(server.request("GET", path, headers=self._headers()))

    def post(self, server: AppServer, path: str, fields: dict, files: dict | None = None):
        """A form sent as the page would send it (its CSRF token, from the cookie)."""
        fields = {"csrfmiddlewaretoken": self.cookies["csrftoken"], **fields}
        if files:
            body, content_type = _multipart(fields, files)
        else:
            body, content_type = urlencode(fields).encode(), "application/x-www-form-urlencoded"
        headers = self._headers({"Content-Type": content_type, "Origin": f"https://{HOST}"})
        return self._keep(server.request("POST", path, headers=headers, body=body))


def _multipart(fields: dict, files: dict) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    parts = []
    for name, value in fields.items():
        disposition = f'Content-Disposition: form-data; name="{name}"'
        parts.append(f"--{boundary}\r\n{disposition}\r\n\r\n{value}\r\n".encode())
    for name, (filename, content, content_type) in files.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
            f'filename="{filename}"\r\nContent-Type: {content_type}\r\n\r\n'.encode()
            + content
            + b"\r\n"
        )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


@pytest.fixture
def two_servers(world, tmp_path):
    """Two servers of one deployment: one database, one MEDIA_ROOT, one SECRET_KEY, and
    nothing else in common (each its own process, so its own memory and its own caches)."""
    media = tmp_path / "media"
    media.mkdir()
    environment = {
        **{k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")},
        "DJANGO_SETTINGS_MODULE": "tests.core.scale_out_settings",
        "DATABASE_URL": shared_database_url(tmp_path),
        "MEDIA_ROOT": str(media),
        "SECRET_KEY": "scale-out-" + "x" * 50,
        "ALLOWED_HOSTS": HOST,
        "PORTAL_BASE_URL": f"https://{HOST}",
        "LOG_LEVEL": "WARNING",
    }
    servers = [AppServer(name, environment, tmp_path / f"{name}.log") for name in ("one", "two")]
    try:
        for server in servers:
            server.wait_until_up()
        yield servers
    finally:
        for server in servers:
            server.stop()


def test_what_one_server_does_the_other_sees(two_servers, world, tmp_path):
    one, two = two_servers
    browser = Browser()
    profile = reverse("profile")
    stage = reverse("candidacy:stage", kwargs={"city": "city-a", "stage": "office"})
    upload = reverse("candidacy:evidence-upload", kwargs={"city": "city-a", "stage": "office"})

    # A session made on one server works on the other.
    assert browser.get(two, reverse("login")).status == 200
    signed_in = browser.post(
        one, reverse("login"), {"username": "office.a", "password": "cfc-test"}
    )
    assert signed_in.status == 302, signed_in.text
    session = browser.cookies["sessionid"]
    page = browser.get(two, profile)
    assert page.status == 200
    assert "Sign out" in page.text

    # Each server has read the stage page; a document stored through one is then listed by
    # the other at once (no per-process copy of the page or the rows), with the message.
    assert ATTACHED not in browser.get(one, stage).text
    assert "decree.pdf" not in browser.get(two, stage).text
    stored = browser.post(
        one,
        upload,
        {"description": "The founding decree"},
        {"file": ("decree.pdf", PDF_BYTES, "application/pdf")},
    )
    assert stored.status == 302, stored.text
    page = browser.get(two, stage)
    assert ATTACHED in page.text  # the flash message left by the other server
    assert "decree.pdf" in page.text
    assert ATTACHED not in browser.get(one, stage).text  # shown once, then gone on both

    # The document stored through one server downloads through the other (one MEDIA_ROOT).
    link = re.search(rf'href="({re.escape(stage)}evidence/\d+/)"', page.text).group(1)
    download = browser.get(two, link)
    assert download.status == 200
    assert download.body == PDF_BYTES
    assert [path.read_bytes() for path in (tmp_path / "media").rglob("*.pdf")] == [PDF_BYTES]

    # Signing out on one server ends the session on the other: the old cookie is refused.
    assert browser.post(one, reverse("logout"), {}).status == 302
    assert "sessionid" not in browser.cookies
    replayed = two.request(
        "GET",
        profile,
        headers={"Host": HOST, "X-Forwarded-Proto": "https", "Cookie": f"sessionid={session}"},
    )
    assert replayed.status == 302
    assert replayed.headers["Location"].startswith(reverse("login"))
