"""`brief import URL` against a hostile or broken server: every answer is one line and exit 2
(or a report read right), never a hang, a traceback or a report silently cut short."""

from __future__ import annotations

import contextlib
import socket
import socketserver
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from briefcli.importers import fetch
from conftest import Runner

pytest.importorskip("selectolax")

# The local server is reached directly, whatever proxy the environment names.
pytestmark = pytest.mark.usefixtures("no_proxy")

PAGE = b"<!doctype html><title>Harbour</title><h1>Harbour</h1><h2>Traffic</h2><p>Ships came.</p>"


def _head(status: str, headers: dict[str, str]) -> bytes:
    lines = [f"HTTP/1.1 {status}", *(f"{k}: {v}" for k, v in headers.items()), "", ""]
    return "\r\n".join(lines).encode("latin-1")


class _Handler(socketserver.StreamRequestHandler):
    """Answers by the request's path, writing raw bytes (so that it can break HTTP)."""

    #: Set when the drip route ends: by sending all it had, or because the client left.
    dripped = threading.Event()
    drip_complete = False

    def handle(self) -> None:
        request = self.rfile.readline().decode("latin-1").split()
        while self.rfile.readline() not in (b"\r\n", b"\n", b""):
            pass
        path = request[1] if len(request) > 1 else "/"
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self._answer(path)

    def _answer(self, path: str) -> None:
        out = self.wfile
        if path.startswith("/charset/"):
            charset = path.removeprefix("/charset/")
            body = PAGE.replace(b"came.", b"came \xff.")
            out.write(_head("200 OK", {"Content-Type": f"text/html; charset={charset}"}))
            out.write(body)
        elif path == "/short":
            # Promises more than it sends, then closes: a dropped connection.
            out.write(_head("200 OK", {"Content-Type": "text/html", "Content-Length": "5000"}))
            out.write(PAGE)
        elif path == "/drip":
            # A byte now and then, each well within the read timeout, for longer than the
            # deadline (then it ends, so that a brief without the deadline finishes too).
            length = str(len(PAGE) + 40)
            out.write(_head("200 OK", {"Content-Type": "text/html", "Content-Length": length}))
            out.write(PAGE)
            try:
                for _ in range(40):
                    out.write(b" ")
                    out.flush()
                    time.sleep(0.05)
                _Handler.drip_complete = True
            finally:
                _Handler.dripped.set()
        elif path == "/not-http":
            out.write(b"<html>" + b"x" * 5000 + b"</html>\r\n")
        elif path == "/long-reason":
            out.write(_head("599 " + "Nope" * 2000, {"Content-Length": "0"}))
        elif path == "/k%C3%B6ln":
            out.write(_head("200 OK", {"Content-Type": "text/html"}))
            out.write(PAGE)
        else:
            out.write(_head("404 Not Found", {"Content-Length": "0"}))


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = socketserver.ThreadingTCPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def _library(tmp_path: Path) -> Path:
    return tmp_path / "data" / "briefcli" / "briefs"


@pytest.mark.parametrize("charset", ["rot13", "base64", "zlib", "idna", "punycode", "hex"])
def test_a_charset_that_is_no_text_encoding_is_ignored(
    brief: Runner, server: str, charset: str
) -> None:
    result = brief("import", f"{server}/charset/{charset}", "-o", "-")
    assert result.exit_code == 0, result.stderr
    assert "title: Harbour" in result.stdout
    assert "Ships came" in result.stdout


@pytest.mark.parametrize("charset", ["rot13", "idna", "base64"])
def test_a_page_declaring_such_a_charset_is_read_as_utf8(
    brief: Runner, tmp_path: Path, charset: str
) -> None:
    page = tmp_path / "page.html"
    page.write_bytes(PAGE.replace(b"<title>", f'<meta charset="{charset}"><title>'.encode()))
    result = brief("import", str(page), "-o", "-")
    assert result.exit_code == 0, result.stderr
    assert "Ships came." in result.stdout


def test_a_body_cut_short_is_an_error_not_a_shorter_report(
    brief: Runner, tmp_path: Path, server: str
) -> None:
    result = brief("import", f"{server}/short")
    assert result.exit_code == 2, result.stdout
    assert "the connection closed 4,9" in result.stderr
    assert "bytes before the end of the report" in result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert not _library(tmp_path).exists()


def test_a_server_that_drips_bytes_meets_the_deadline(
    brief: Runner, tmp_path: Path, server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Each byte comes well within the read timeout; only the deadline can end the transfer.
    monkeypatch.setattr(fetch, "DEADLINE", 0.5)
    _Handler.dripped.clear()
    result = brief("import", f"{server}/drip")
    assert result.exit_code == 2, result.stdout
    assert "timed out: the transfer took over 0.5 s" in result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert not _library(tmp_path).exists()
    # brief hung up mid-transfer; it did not wait for the server to finish (which a server
    # sending a byte every few seconds would take days to do).
    assert _Handler.dripped.wait(30)
    assert not _Handler.drip_complete


@pytest.mark.parametrize("route", ["/not-http", "/long-reason"])
def test_what_the_server_says_is_quoted_cut_short(brief: Runner, server: str, route: str) -> None:
    result = brief("import", server + route, "-o", "-")
    assert result.exit_code == 2
    assert len(result.stderr.splitlines()) == 1
    assert len(result.stderr) < 500, result.stderr


def test_a_url_as_a_browser_shows_it_is_sent_as_a_browser_sends_it(
    brief: Runner, server: str
) -> None:
    result = brief("import", f"{server}/köln", "-o", "-")
    assert result.exit_code == 0, result.stderr
    assert f"source: {server}/k%C3%B6ln (retrieved " in result.stdout


def test_a_password_in_the_url_is_refused_and_never_echoed(brief: Runner, server: str) -> None:
    host = server.removeprefix("http://")
    result = brief("import", f"http://reader:hunter2@{host}/page", "-o", "-")
    assert result.exit_code == 2
    assert "hunter2" not in result.stderr
    assert "user name or password" in result.stderr


def test_the_deadline_timer_is_put_back(server: str) -> None:
    import signal

    before = signal.getsignal(signal.SIGALRM)
    fetch.fetch(f"{server}/charset/utf-8", limit=100_000)
    assert signal.getsignal(signal.SIGALRM) == before
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_a_closed_port_still_says_so(brief: Runner) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    result = brief("import", f"http://127.0.0.1:{port}/x")
    assert result.exit_code == 2 and "cannot fetch" in result.stderr
