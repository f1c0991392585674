"""`brief import URL`: a page or PDF fetched from a local server, and every way it can fail:
one line on stderr, exit 2, nothing written."""

from __future__ import annotations

import datetime
import gzip
import http.server
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest

from briefcli import importers
from briefcli.importers import fetch
from conftest import REPO, Runner

pytest.importorskip("selectolax")
sys.path.insert(0, str(REPO / "tests" / "data" / "web"))

import make_pages

# The local server is reached directly, whatever proxy the environment names.
pytestmark = pytest.mark.usefixtures("no_proxy")

PAGE = "<!doctype html><title>Harbour</title><h1>Harbour</h1><h2>Traffic</h2><p>Ships came.</p>"


def _routes() -> dict[str, tuple[int, dict[str, str], bytes]]:
    report = make_pages.page_html(make_pages.shipped_report()).encode()
    latin = "<html><h1>Café</h1><h2>Menu</h2><p>Crème brûlée.</p></html>".encode("latin-1")
    return {
        "/report.html": (200, {"Content-Type": "text/html; charset=utf-8"}, report),
        "/page": (200, {"Content-Type": "text/html"}, PAGE.encode()),
        "/latin": (200, {"Content-Type": "text/html; charset=iso-8859-1"}, latin),
        "/notes.md": (200, {"Content-Type": "text/markdown"}, b"# Notes\n\n## One\n\nText.\n"),
        "/gzip": (
            200,
            {"Content-Type": "text/html", "Content-Encoding": "gzip"},
            gzip.compress(PAGE.encode()),
        ),
        "/missing": (404, {"Content-Type": "text/html"}, b"<h1>Not Found</h1>"),
        "/image": (200, {"Content-Type": "image/png"}, b"\x89PNG\r\n\x1a\n" + b"\x00" * 64),
        "/claims-big": (200, {"Content-Type": "text/html", "Content-Length": "999999999"}, b""),
        "/big": (200, {"Content-Type": "text/html"}, b"<p>" + b"word " * 60_000),
        "/loop": (302, {"Location": "/loop"}, b""),
        "/to-page": (301, {"Location": "/page"}, b""),
        "/to-file": (302, {"Location": "file:///etc/passwd"}, b""),
        "/to-ftp": (302, {"Location": "ftp://127.0.0.1/x"}, b""),
    }


class _Handler(http.server.BaseHTTPRequestHandler):
    routes: ClassVar[dict[str, tuple[int, dict[str, str], bytes]]] = {}

    def do_GET(self) -> None:
        if self.path == "/slow":
            time.sleep(2)
        status, headers, body = self.routes.get(self.path, (404, {}, b"no"))
        try:
            self.send_response(status)
            for key, value in headers.items():
                self.send_header(key, value)
            if "Content-Length" not in headers and self.path != "/big":
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.path != "/claims-big":
                self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def log_message(self, format: str, *args: object) -> None:  # quiet
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    _Handler.routes = _routes()
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def library(tmp_path: Path) -> Path:
    return tmp_path / "data" / "briefcli" / "briefs"


def test_a_page_by_url_into_the_library_then_show(
    brief: Runner, tmp_path: Path, server: str
) -> None:
    made = brief("import", f"{server}/report.html")
    assert made.exit_code == 0, made.stderr
    path = Path(made.stdout.strip())
    assert path.parent == library(tmp_path)
    text = path.read_text(encoding="utf-8")
    today = datetime.date.today().isoformat()
    assert f"source: {server}/report.html (retrieved {today})" in text
    shown = brief("show", "4", "-b", str(path))
    assert shown.exit_code == 0
    assert "Current Developments in the Ukraine Conflict" in shown.stdout


def test_the_content_type_decides_the_reader(brief: Runner, server: str) -> None:
    result = brief("import", f"{server}/notes.md", "-o", "-")
    assert result.exit_code == 0, result.stderr
    assert "title: Notes" in result.stdout
    latin = brief("import", f"{server}/latin", "-o", "-")
    assert latin.exit_code == 0, latin.stderr
    assert "Crème brûlée." in latin.stdout  # the server's charset
    packed = brief("import", f"{server}/gzip", "-o", "-")
    assert packed.exit_code == 0, packed.stderr
    assert "Ships came." in packed.stdout


def test_a_redirect_is_followed_and_the_final_url_recorded(brief: Runner, server: str) -> None:
    result = brief("import", f"{server}/to-page", "-o", "-")
    assert result.exit_code == 0, result.stderr
    assert f"source: {server}/page (retrieved " in result.stdout


@pytest.mark.parametrize(
    ("route", "message"),
    [
        ("/missing", "/missing: HTTP 404 Not Found"),
        ("/image", "the server sent image/png, not a web page, a PDF, Markdown or text"),
        ("/claims-big", "the server sends 999,999,999 bytes; brief reads reports of at most"),
        ("/big", "over 100,000 bytes; brief reads reports of at most that"),
        ("/loop", "/loop: too many redirects (more than 5, or a loop)"),
        ("/to-file", "redirected to a file: URL (file:///etc/passwd); brief follows only http"),
        ("/to-ftp", "redirected to a ftp: URL"),
        ("/slow", "/slow: timed out after 0.5 s"),
    ],
)
def test_every_failure_is_one_line_and_nothing_is_written(
    brief: Runner,
    tmp_path: Path,
    server: str,
    monkeypatch: pytest.MonkeyPatch,
    route: str,
    message: str,
) -> None:
    monkeypatch.setattr(fetch, "TIMEOUT", 0.5)
    monkeypatch.setattr(importers, "MAX_IMPORT_BYTES", 100_000)
    result = brief("import", server + route)
    assert result.exit_code == 2, result.stdout
    assert message in result.stderr
    assert len(result.stderr.splitlines()) == 1, result.stderr
    assert not library(tmp_path).exists()


def test_a_closed_port_is_a_network_error(brief: Runner, tmp_path: Path) -> None:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    result = brief("import", f"http://127.0.0.1:{port}/report.html")
    assert result.exit_code == 2
    assert "cannot fetch" in result.stderr and len(result.stderr.splitlines()) == 1
    assert not library(tmp_path).exists()


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://127.0.0.1/x", "http://"])
def test_only_http_and_https_urls(url: str) -> None:
    with pytest.raises(importers.BriefError, match=r"not an http or https URL|no such file"):
        importers.read_report(url)


def test_a_pdf_by_url(brief: Runner, tmp_path: Path, server: str) -> None:
    pytest.importorskip("pypdfium2")
    pytest.importorskip("reportlab")
    pdf = make_pages.write_pdf(make_pages.footnoted(), tmp_path / "notes.pdf", columns=1)
    _Handler.routes["/paper"] = (200, {"Content-Type": "application/pdf"}, pdf.read_bytes())
    result = brief("import", f"{server}/paper", "-o", "-")
    assert result.exit_code == 0, result.stderr
    assert "title: Northern Passage Traffic Review" in result.stdout
